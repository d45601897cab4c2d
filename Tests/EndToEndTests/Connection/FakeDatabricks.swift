import Foundation
import LakeflowAuthCore
import LoopbackHTTP
import Synchronization

/// A Unity Catalog connections API and an OIDC token endpoint on 127.0.0.1, answering like Databricks
/// (its error bodies included) and recording what it was sent.
final class FakeDatabricks: Sendable {
    static let personalToken = "dapi-fake-personal-token-0001"
    static let readOnlyToken = "dapi-fake-readonly-token-0002"
    static let clientID = "sp-client-id"
    static let clientSecret = "sp-client-secret-0003"
    static let servicePrincipalToken = "eyJ-fake-service-principal-token"

    struct Received: Sendable {
        let method: String
        let path: String
        let authorization: String?
        let body: JSONValue?
    }

    /// What the server keeps between requests; shared by the handler and the test.
    private final class State: Sendable {
        let received = Mutex<[Received]>([])
        let existing: Mutex<Set<String>>

        init(existing: Set<String>) { self.existing = Mutex(existing) }
    }

    private let state: State
    private let server: LoopbackServer

    init(existing names: Set<String> = []) {
        let state = State(existing: names)
        self.state = state
        server = LoopbackServer { request in
            let body = try? JSONParser.parse(request.body)
            state.received.withLock {
                $0.append(Received(method: request.method, path: request.path, authorization: request.header("authorization"), body: body))
            }
            return .respond(Self.answer(request, body: body, state: state))
        }
    }

    func start() async throws -> URL { try await server.start() }
    func stop() async { await server.stop() }

    var requests: [Received] { state.received.withLock { $0 } }

    private static func answer(_ request: HTTPRequest, body: JSONValue?, state: State) -> HTTPResponse {
        let connections = "/api/2.1/unity-catalog/connections"
        switch (request.method, request.path) {
        case ("POST", "/oidc/v1/token"):
            let expected = "Basic " + Data("\(clientID):\(clientSecret)".utf8).base64EncodedString()
            guard request.header("authorization") == expected, request.formFields?.contains(where: { $0 == ("grant_type", "client_credentials") }) == true,
                  request.formFields?.contains(where: { $0 == ("scope", "all-apis") }) == true else {
                return .json(401, ["error": "invalid_client", "error_description": "Client authentication failed"])
            }
            return .json(200, ["access_token": servicePrincipalToken, "token_type": "Bearer", "expires_in": "3600"])
        case ("POST", connections):
            if let refusal = checkToken(request) { return refusal }
            guard let name = body?["name"]?.stringValue, body?["connection_type"]?.stringValue == "COMMUNITY",
                  case let .object(options)? = body?["options"], options.allSatisfy({ $0.1.stringValue != nil }) else {
                return .json(400, ["error_code": "INVALID_PARAMETER_VALUE", "message": "malformed connection"])
            }
            guard state.existing.withLock({ $0.insert(name).inserted }) else {
                return .json(400, ["error_code": "RESOURCE_ALREADY_EXISTS", "message": "Connection '\(name)' already exists"])
            }
            return .json(200, ["name": name, "connection_id": "c0ffee00-0000-4000-8000-000000000001", "connection_type": "COMMUNITY"])
        case ("PATCH", let path) where path.hasPrefix(connections + "/"):
            if let refusal = checkToken(request) { return refusal }
            let name = String(path.dropFirst(connections.count + 1))
            guard state.existing.withLock({ $0.contains(name) }) else {
                return .json(404, ["error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Connection '\(name)' does not exist"])
            }
            guard case .object? = body?["options"], body?["name"] == nil else {
                return .json(400, ["error_code": "INVALID_PARAMETER_VALUE", "message": "malformed update"])
            }
            return .json(200, ["name": name, "connection_id": "c0ffee00-0000-4000-8000-000000000001"])
        default:
            return .json(404, ["error_code": "ENDPOINT_NOT_FOUND", "message": "No API found"])
        }
    }

    private static func checkToken(_ request: HTTPRequest) -> HTTPResponse? {
        switch request.header("authorization") {
        case "Bearer \(personalToken)", "Bearer \(servicePrincipalToken)":
            return nil
        case "Bearer \(readOnlyToken)":
            return .json(403, ["error_code": "PERMISSION_DENIED",
                               "message": "User does not have CREATE CONNECTION on Metastore 'main'"])
        default:
            return .json(401, ["error_code": "UNAUTHENTICATED", "message": "Invalid access token"])
        }
    }
}
