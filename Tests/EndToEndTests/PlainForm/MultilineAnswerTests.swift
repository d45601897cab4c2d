import Foundation
import LakeflowAuthCore
import Testing

/// A PEM pasted at its prompt is one value; pasted lines never answer the questions after it; a value
/// can come from a file.
@Suite(.serialized)
struct MultilineAnswerTests {
    static let spec = """
        display_name: Keys
        connection:
          parameters:
            - name: client_id
              required: true
            - name: private_key_pem
              required: true
              description: RSA private key in PEM format (multiline).
            - name: kid
              required: true

        """
    static let pem = ["-----BEGIN PRIVATE KEY-----", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7",
                      "VJTUt9Us8cKjMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDu", "-----END PRIVATE KEY-----"]

    @Test func aPastedPEMIsOneValueAndAPasteAtAOneLineFieldIsRefused() async throws {
        let fixture = StoreFixture()
        let specPath = fixture.folder + "/keys.yaml"
        try Self.spec.write(toFile: specPath, atomically: false, encoding: .utf8)
        let kidFile = fixture.folder + "/kid.txt"
        try "key-2024\n".write(toFile: kidFile, atomically: false, encoding: .utf8)
        let run = try WizardRun(["keys", "--spec", specPath, "--no-probe"])
        defer { run.removeHome() }
        let terminal = run.terminal

        try await terminal.expect("client_id: ")
        // The last line has no Enter yet: it is dropped with the rest, not prefixed to the next answer.
        terminal.send("one\ntwo\nthree")
        try await terminal.expect("client_id takes one line; the pasted lines were not used")
        try await terminal.expect("client_id: ")
        terminal.sendLine("my-client")
        try await terminal.expect("[2/3] private_key_pem (required, secret, not shown as you type, several lines)")
        try await terminal.expect("private_key_pem: ")
        // Wrapped at word boundaries to the terminal's 100 columns, never inside a word.
        let lines = terminal.output.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 100 })
        #expect(lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            .contains("it ends at its -----END …----- line, or at an empty line; @FILE reads it from a file"))
        terminal.send(Self.pem.joined(separator: "\n") + "\n")
        try await terminal.expect("kid: ")
        terminal.sendLine("@" + kidFile)
        try await terminal.expect("Saved to")
        #expect(try await terminal.waitForExit() == 0)

        #expect(!terminal.output.contains("MIIEvQ"), "the key is secret by its name and not echoed")
        let envelope = try run.store.open("keys")
        #expect(JSONValue.object(envelope.options) == .object([
            ("client_id", .string("my-client")), ("private_key_pem", .string(Self.pem.joined(separator: "\n"))),
            ("kid", .string("key-2024")),
        ]))
    }

    @Test func aPEMTypedALineAtATimeEndsAtItsEndLineAndAMissingFileIsSaidWithoutTheSecret() async throws {
        let fixture = StoreFixture()
        let specPath = fixture.folder + "/keys.yaml"
        try Self.spec.write(toFile: specPath, atomically: false, encoding: .utf8)
        let run = try WizardRun(["keys", "--spec", specPath, "--no-probe"])
        defer { run.removeHome() }
        let terminal = run.terminal

        try await terminal.expect("client_id: ")
        terminal.sendLine("my-client")
        try await terminal.expect("private_key_pem: ")
        terminal.sendLine("@/no/such/secret-looking-path")
        try await terminal.expect("private_key_pem: cannot read that file (@@ starts a value with @)")
        try await terminal.expect("private_key_pem: ")
        for line in Self.pem {
            terminal.sendLine(line)
            try await Task.sleep(for: .milliseconds(200))
        }
        try await terminal.expect("kid: ")
        terminal.sendLine("key-1")
        try await terminal.expect("Saved to")
        #expect(try await terminal.waitForExit() == 0)
        #expect(!terminal.output.contains("secret-looking-path"))
        #expect(try run.store.open("keys").options.first { $0.0 == "private_key_pem" }?.1 == .string(Self.pem.joined(separator: "\n")))
    }
}
