import Foundation
import LakeflowAuthCore
import LoopbackHTTP
import Synchronization

/// A Unity Catalog connections API and an OIDC token endpoint on 127.0.0.1, answering like Databricks
/// (its error bodies included) and recording what it was sent. It keeps each connection's options and
/// answers `GET` with them as Databricks does: without the values of secret options.
final class FakeDatabricks: Sendable {
    static let personalToken = "dapi-fake-personal-token-0001"
    static let readOnlyToken = "dapi-fake-readonly-token-0002"
    static let clientID = "sp-client-id"
    static let clientSecret = "sp-client-secret-0003"
    static let servicePrincipalToken = "eyJ-fake-service-principal-token"
    /// Options whose values a `GET` leaves out, as Databricks never returns secrets.
    static let secretOptions: Set<String> = ["api_key", "password", "client_secret", "refresh_token", "token",
                                             "authorization_code", "pkce_verifier"]

    struct Received: Sendable {
        let method: String
        let path: String
        let authorization: String?
        let body: JSONValue?
    }

    /// What the server keeps between requests; shared by the handler and the test.
    private final class State: Sendable {
        let received = Mutex<[Received]>([])
        /// Each connection's options, by name.
        let connections: Mutex<[String: [String: String]]>

        init(existing: Set<String>) { connections = Mutex(Dictionary(uniqueKeysWithValues: existing.map { ($0, [:]) })) }
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

    /// A connection's options as the workspace holds them, secret ones included.
    func options(of name: String) -> [String: String]? { state.connections.withLock { $0[name] } }

    /// Changes an option on the workspace side, as someone editing the connection in Databricks would.
    func change(_ option: String, to value: String, in name: String) {
        state.connections.withLock { $0[name]?[option] = value }
    }

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
            let created = state.connections.withLock { connections in
                guard connections[name] == nil else { return false }
                connections[name] = Self.strings(options)
                return true
            }
            guard created else {
                return .json(400, ["error_code": "RESOURCE_ALREADY_EXISTS", "message": "Connection '\(name)' already exists"])
            }
            return .json(200, ["name": name, "connection_id": "c0ffee00-0000-4000-8000-000000000001", "connection_type": "COMMUNITY"])
        case ("PATCH", let path) where path.hasPrefix(connections + "/"):
            if let refusal = checkToken(request) { return refusal }
            let name = String(path.dropFirst(connections.count + 1))
            guard state.connections.withLock({ $0[name] != nil }) else {
                return .json(404, ["error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Connection '\(name)' does not exist"])
            }
            guard case let .object(options)? = body?["options"], body?["name"] == nil else {
                return .json(400, ["error_code": "INVALID_PARAMETER_VALUE", "message": "malformed update"])
            }
            state.connections.withLock { $0[name] = Self.strings(options) }
            return .json(200, ["name": name, "connection_id": "c0ffee00-0000-4000-8000-000000000001"])
        case ("GET", let path) where path.hasPrefix(connections + "/"):
            if let refusal = checkToken(request) { return refusal }
            let name = String(path.dropFirst(connections.count + 1))
            guard let options = state.connections.withLock({ $0[name] }) else {
                return .json(404, ["error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Connection '\(name)' does not exist"])
            }
            let shown = options.filter { !secretOptions.contains($0.key) }.sorted { $0.key < $1.key }
                .map { ($0.key, JSONValue.string($0.value)) }
            let answer = JSONValue.object([("name", .string(name)), ("connection_type", .string("COMMUNITY")),
                                           ("options", .object(shown)), ("owner", .string("someone@example.com"))])
            return HTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: Data(answer.serialized().utf8))
        default:
            return .json(404, ["error_code": "ENDPOINT_NOT_FOUND", "message": "No API found"])
        }
    }

    private static func strings(_ options: [(String, JSONValue)]) -> [String: String] {
        Dictionary(options.map { ($0.0, $0.1.stringValue ?? "") }) { $1 }
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
