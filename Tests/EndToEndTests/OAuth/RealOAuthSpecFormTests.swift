import Foundation
import LakeflowAuthCore
import SharedCorpus
import Testing

/// The seven real specs that declare `connection.oauth` open in the full-screen form with their OAuth
/// method's endpoint and scope fields, prefilled from the spec, and cancel cleanly.
@Suite(SharedCorpus.connectorSpecs.required)
struct RealOAuthSpecFormTests {
    struct Case: Sendable, CustomStringConvertible {
        let connector: String
        let method: String?
        /// The fields the form must show for the flow: the endpoints, or the option standing in.
        let fields: [String]
        var description: String { connector }
    }

    static let cases = [
        Case(connector: "azure_devops", method: "service_principal", fields: ["token_url", "scopes"]),
        Case(connector: "collibra", method: "service_principal", fields: ["token_url", "scopes"]),
        Case(connector: "gmail", method: nil, fields: ["authorization_url", "token_url", "scopes"]),
        Case(connector: "google_sheets_docs", method: nil, fields: ["authorization_url", "token_url", "scopes"]),
        Case(connector: "odata", method: "oauth", fields: ["token_endpoint"]),
        Case(connector: "youtube", method: "oauth", fields: ["authorization_url", "token_url", "scopes"]),
        Case(connector: "zoho_crm", method: nil, fields: ["authorization_url", "token_url", "scopes"]),
    ]

    @Test(arguments: cases)
    func theOAuthMethodShowsItsEndpointFields(_ given: Case) async throws {
        let path = SharedCorpus.connectorSpecs.spec(given.connector)
        let spec = try SpecLoader.load(path: path, connector: given.connector)
        let method = given.method.flatMap(spec.authMethod(named:))
        let tmux = try TmuxSession([given.connector, "--spec", path, "--no-probe"] + (given.method.map { ["--auth-method", $0] } ?? []),
                                   columns: 160, rows: 60)
        let screen = try await tmux.waitFor("Ctrl-S save")
        for field in given.fields {
            #expect(screen.contains(field), "\(given.connector): \(field) is drawn")
        }
        let tokenURL = spec.oauthEndpointFields(for: method).first { $0.name == "token_url" }?.defaultValue
        if let tokenURL {
            #expect(screen.contains(String(tokenURL.prefix(40))), "\(given.connector): token_url is prefilled")
        }
        try tmux.press("Escape")
        #expect(try await tmux.waitForExit() == 130)
    }
}
