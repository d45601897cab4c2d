import AcmeSandbox
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A URLSession client for the sandbox: bounded timeouts, no caching or cookies,
/// and redirects only followed when a test asks for it.
struct Client {
    struct Response: Sendable {
        var status: Int
        /// Lower-cased names.
        var headers: [String: String]
        var body: Data

        func header(_ name: String) -> String? {
            headers[name.lowercased()]
        }

        var json: [String: String]? {
            (try? JSONSerialization.jsonObject(with: body)) as? [String: String]
        }

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    enum Auth {
        case none
        case bearer(String)
        case basic(String, String)
        case raw(String)

        var headerValue: String? {
            switch self {
            case .none: nil
            case .bearer(let key): "Bearer \(key)"
            case .basic(let user, let password): "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
            case .raw(let value): value
            }
        }
    }

    // Generous: CI runs these beside other suites on 2 cores; only the hang test wants a short one.
    var timeout: TimeInterval = 15
    var followRedirects = false

    func send(
        _ url: URL,
        method: String = "GET",
        auth: Auth = .none,
        headers: [String: String] = [:],
        body: Data? = nil
    ) async throws -> Response {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let session = URLSession(
            configuration: configuration,
            delegate: followRedirects ? nil : RedirectBlocker(),
            delegateQueue: nil
        )
        defer { session.invalidateAndCancel() }

        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = method
        request.httpBody = body
        if let value = auth.headerValue {
            request.setValue(value, forHTTPHeaderField: "Authorization")
        }
        for (name, value) in headers {
            request.setValue(value, forHTTPHeaderField: name)
        }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        var headers: [String: String] = [:]
        for case let (name as String, value as String) in http.allHeaderFields {
            headers[name.lowercased()] = value
        }
        return Response(status: http.statusCode, headers: headers, body: data)
    }
}

private final class RedirectBlocker: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest,
        completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}

/// Runs `body` against a freshly started server and always stops it afterwards.
@discardableResult
func withServer<T>(
    _ configuration: AcmeSandboxConfiguration = .demo,
    _ body: (AcmeSandboxServer, URL) async throws -> T
) async throws -> T {
    let server = AcmeSandboxServer(configuration: configuration)
    let url = try await server.start()
    do {
        let result = try await body(server, url)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

extension URL {
    func probe(_ workspace: String = "demo-workspace") -> URL {
        appendingPathComponent("v1/workspaces/\(workspace)/me")
    }
}

/// A configuration whose single workspace shows `fault` but would otherwise accept the demo key.
func faulty(_ fault: AcmeSandboxConfiguration.Fault) -> AcmeSandboxConfiguration {
    AcmeSandboxConfiguration(workspaces: [
        .init(
            slug: "faulty",
            apiKeys: [.init(key: "acme-demo-key-0001", accountName: "Demo Analyst")],
            fault: fault
        ),
    ])
}
