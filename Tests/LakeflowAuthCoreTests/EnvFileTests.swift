import Foundation
import LakeflowAuthCore
import Testing

/// Dotenv parsing, and the example file the README points people to.
struct EnvFileTests {
    @Test func readsCommentsExportsAndQuotes() throws {
        let values = try EnvFile.parse("""
            # a comment

            export A=plain value   # trailing comment
            B='single # not a comment'
            C="double \\"quoted\\" \\n line"
               D = spaced
            E=
            """, path: "t.env")
        #expect(values == ["A": "plain value", "B": "single # not a comment", "C": "double \"quoted\" \n line",
                           "D": "spaced", "E": ""])
    }

    @Test(arguments: [
        ("NAME", "t.env:1:1: expected NAME=value"),
        ("1BAD=x", "t.env:1:1: the text before '=' is not a variable name"),
        // The text before '=' can be the secret itself, when a line lost its name.
        ("ACME_API_KEY: s3cr3t-value=", "t.env:1:1: the text before '=' is not a variable name"),
        ("A='open", "t.env:1:1: the value's ' quote is not closed"),
        ("A=\"x\" trailing", "t.env:1:1: unexpected text after the closing quote"),
    ])
    func refusesMalformedLinesByLocation(text: String, message: String) {
        #expect(throws: EnvFileError.self) { try EnvFile.parse(text, path: "t.env") }
        do {
            _ = try EnvFile.parse(text, path: "t.env")
        } catch {
            #expect(error.message == message)
            #expect(error.exitStatus == .badInput)
        }
    }

    @Test func refusesAFileLargerThanItsLimit() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("large-\(UUID().uuidString).env").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try String(repeating: "A=1\n", count: EnvFile.maximumSize / 4 + 1).write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: EnvFileError.tooLarge(path: path, limit: EnvFile.maximumSize)) { try EnvFile.load(path: path) }
    }

    @Test func credentialsExampleNamesEveryAcmeEnvVarWithPlaceholdersOnly() throws {
        let example = try String(contentsOf: PackagePaths.root.appendingPathComponent("credentials.example"), encoding: .utf8)
        let spec = try SpecLoader.load(path: PackagePaths.acmeDeclarations)
        // Commented-out assignments (`# ACME_REGION=us`) are the optional ones; they count too.
        let uncommented = example.split(separator: "\n").map { line in
            line.contains(/^# [A-Z_]+=/) ? String(line.dropFirst(2)) : String(line)
        }.joined(separator: "\n")
        let values = try EnvFile.parse(uncommented, path: "credentials.example")
        let expected = Set((spec.options + spec.authMethods.flatMap(\.options)).map(\.envVar) + ["ACME_AUTH_METHOD"])
        #expect(Set(values.keys).isSuperset(of: expected))
        for option in spec.authMethods.flatMap(\.options) where option.secret {
            #expect(values[option.envVar]?.hasPrefix("replace-with-") == true, "\(option.envVar) must hold a placeholder")
        }
        #expect(try HeadlessForm.credentials(spec: spec, environment: try EnvFile.parse(example, path: "x"), authMethod: nil)
            .authMethod == "api_key")
    }
}
