import FoundationEssentials

/// One JSON call to a Databricks workspace: sent by the tool's one HTTP client, answered by a JSON
/// object or by Databricks' error body, which becomes a `DatabricksError` with its `error_code` and
/// `message` scrubbed of every secret the calls carry (the token, a service principal's secret and
/// Basic pair, the connection's secret options), since an error may quote the request.
struct DatabricksAPI: Sendable {
    static let responseLimit = 1 << 20

    let host: URL
    let client: HTTPClient
    let timeout: Duration
    var scrubber = SecretScrubber()

    /// The same workspace, its answers scrubbed of these secrets too.
    func scrubbing(_ secrets: [String], basicPairs: [String] = []) -> DatabricksAPI {
        var api = self
        api.scrubber = scrubber.adding(secrets: secrets, basicPairs: basicPairs)
        return api
    }

    func send(_ request: HTTPClient.Request, operation: String) async throws -> JSONValue {
        let response: HTTPClient.Response
        switch await client.send(request, timeout: timeout, responseLimit: Self.responseLimit) {
        case let .success(answer): response = answer
        case let .failure(failure): throw DatabricksError.unreachable(host: hostName, problem: Self.describe(failure))
        }
        let json = response.bodyExceededLimit ? nil : try? JSONParser.parse(Array(response.body))
        guard (200..<300).contains(response.status) else {
            let code = json?["error_code"]?.stringValue ?? json?["error"]?.stringValue
            let message = json?["message"]?.stringValue ?? json?["error_description"]?.stringValue
            guard code != nil || message != nil || response.status == 401 || response.status == 403 else {
                throw DatabricksError.unreachable(host: hostName, problem: "not a Databricks answer (HTTP \(response.status))")
            }
            throw DatabricksError.refused(status: response.status, errorCode: code.map { scrubber.shown($0, limit: DatabricksError.codeLimit) },
                                          message: message.map { scrubber.shown($0) }, operation: operation)
        }
        guard let json, case .object = json else {
            throw DatabricksError.unreachable(host: hostName, problem: "not a Databricks answer (HTTP \(response.status), no JSON object)")
        }
        return json
    }

    func url(_ path: String) -> URL {
        URL(string: host.absoluteString + path)!
    }

    var hostName: String { host.host ?? host.absoluteString }

    private static func describe(_ failure: HTTPFailure) -> String {
        switch failure {
        case .hostNotFound: return "the host was not found"
        case .connectionRefused: return "the connection was refused"
        case .tls: return "the secure connection failed"
        case .timedOut: return "no answer in time"
        case .cancelled: return "cancelled"
        case .invalidHeader: return "a header would not be sent as it is"
        case .noHTTPClient: return "libcurl is not installed (apt-get install libcurl4)"
        case let .unsupportedSetting(option): return "libcurl does not support \(option)"
        case let .other(code): return "libcurl error \(code)"
        }
    }
}
