import Foundation
import LakeflowAuthCore
import SharedCorpus
import Testing

/// Text that arrives faster than anyone types, without bracketed paste (`tmux send-keys -l`, as
/// terminals without the mode paste): its line breaks are part of it, never Enter. A many-line field
/// keeps it whole; a one-line field refuses it, without moving on or showing it.
@Suite(.serialized)
struct CursesBurstTests {
    static let key = "-----BEGIN PRIVATE KEY-----\n" + (1...12).map { "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\($0)" }.joined(separator: "\n")
        + "\n-----END PRIVATE KEY-----\n"

    @Test func aKeyTypedInABurstStaysInItsManyLineField() async throws {
        let tmux = try TmuxSession(["keyed", "--spec", try CursesTerminalTests.keySpec(), "--no-probe"])
        try await tmux.waitFor("▸ private_key_pem")
        try tmux.type(Self.key)
        let typed = try await tmux.waitFor("pasted 14 lines into private_key_pem")
        #expect(!typed.contains("MIIEvQ"), "no line of the secret shows")
        #expect(typed.contains("▸ private_key_pem"), "the focus stays")
        #expect(!TmuxSession.row(of: typed, containing: "client_id").contains("END"), "nothing spilt into the next field")
        try await CursesTerminalTests.saveKeyedSetup(tmux, expectingKey: Self.key)
    }

    /// The issue's own case: fhir's `jwt_assertion`, the key typed into `private_key_pem`, with `kid`,
    /// `private_key_algorithm`, `scope` and `base_url` after it.
    @Test(SharedCorpus.connectorSpecs.required)
    func fhirsKeyStaysInPrivateKeyPEM() async throws {
        let tmux = try TmuxSession(["fhir", "--spec", SharedCorpus.connectorSpecs.spec("fhir"), "--auth-method", "jwt_assertion",
                                    "--no-probe"], columns: 120, rows: 40)
        try await tmux.waitFor("▸ client_id")
        try tmux.type("my-client")
        try tmux.press("Tab")
        try await tmux.waitFor("▸ private_key_pem")
        try tmux.type(Self.key)
        let typed = try await tmux.waitFor("pasted 14 lines into private_key_pem")
        #expect(!typed.contains("MIIEvQ") && !typed.contains("-----BEGIN") && !typed.contains("-----END"),
                "no line of the key shows, in any field")
        #expect(typed.contains("▸ private_key_pem"))
        for field in ["kid", "private_key_algorithm", "scope", "base_url"] {
            #expect(!TmuxSession.row(of: typed, containing: field).contains("••"), "\(field) holds nothing")
        }
        try tmux.press("Tab")
        try await tmux.waitFor("▸ kid")
        try tmux.type("kid-1")
        try tmux.press("Tab", "Tab")
        try await tmux.waitFor("▸ scope")
        try tmux.type("system/Patient.read")
        try tmux.press("Tab")
        try await tmux.waitFor("▸ base_url")
        try tmux.type("https://fhir.example/r4")
        try tmux.press("C-s")
        try await tmux.waitFor("Press any key to finish.")
        try tmux.press("Enter")
        #expect(try await tmux.waitForExit() == 0)
        let envelope = try CredentialStore(environment: ["LAKEFLOW_AUTH_HOME": tmux.home]).open("fhir")
        #expect(envelope.options.first { $0.0 == "private_key_pem" }?.1 == .string(Self.key))
        #expect(envelope.options.first { $0.0 == "kid" }?.1 == .string("kid-1"))
    }

    @Test(arguments: ["api_key", "workspace"])
    func linesInABurstAtAOneLineFieldAreRefusedAndTheFocusStays(field: String) async throws {
        let tmux = try TmuxSession(["acme", "--auth-method", "api_key", "--no-probe"])
        try await tmux.waitFor("▸ api_key")
        if field == "workspace" {
            try tmux.press("Tab")
            try await tmux.waitFor("▸ workspace")
        }
        try tmux.type("line-one-0001\nline-two-0002\nline-three-0003")
        let refused = try await tmux.waitFor("\(field) takes one line; the pasted lines were not used")
        #expect(refused.contains("▸ \(field)"), "the focus stays")
        #expect(!refused.contains("line-one") && !refused.contains("line-two") && !refused.contains("line-three"))
        try tmux.type("one-line-0004")
        try await tmux.waitUntil("the field takes what is typed next") {
            field == "workspace" ? $0.contains("one-line-0004") : TmuxSession.row(of: $0, containing: "▸ api_key").contains("••••••••")
        }
        try tmux.press("Escape")
        try await tmux.waitFor("Quit without saving?")
        try tmux.type("y")
        #expect(try await tmux.waitForExit() == 130)
    }
}
