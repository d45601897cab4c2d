import Foundation
import LakeflowAuthCore
import Testing

/// `<CONNECTOR>_<OPTION>_FILE` names a file holding the value, as container images pass secrets.
struct ValueFileTests {
    let spec = try! SpecLoader.load(path: PackagePaths.acmeDeclarations)

    @Test func aFileVariableFillsTheOptionLessItsFinalLineBreak() throws {
        let folder = TemporaryFolder()
        let key = folder.write("sk_from_a_file\n", to: "api_key")
        let credentials = try HeadlessForm.credentials(
            spec: spec, environment: ["ACME_WORKSPACE": "acme-prod", "ACME_API_KEY_FILE": key], authMethod: nil)
        #expect(credentials.authMethod == "api_key", "a _FILE variable counts towards choosing the method")
        #expect(credentials["api_key"] == .string("sk_from_a_file"))
    }

    @Test func theVariableItselfWinsOverItsFile() throws {
        let folder = TemporaryFolder()
        let key = folder.write("from-file", to: "api_key")
        let credentials = try HeadlessForm.credentials(
            spec: spec, environment: ["ACME_WORKSPACE": "acme-prod", "ACME_API_KEY": "from-env", "ACME_API_KEY_FILE": key],
            authMethod: "api_key")
        #expect(credentials["api_key"] == .string("from-env"))
    }

    @Test func aMultiLineValueKeepsItsLines() throws {
        let folder = TemporaryFolder()
        let pem = "-----BEGIN PRIVATE KEY-----\nMIIB\nAAAA\n-----END PRIVATE KEY-----"
        #expect(try ValueFile.read(folder.write(pem + "\n", to: "key.pem"), for: "X") == pem)
    }

    @Test func aMissingOrOversizedFileIsBadInputNamingTheVariable() throws {
        let folder = TemporaryFolder()
        let environment = ["ACME_WORKSPACE": "acme-prod", "ACME_API_KEY_FILE": folder.path + "/absent"]
        #expect(throws: ValueFileError(source: "ACME_API_KEY_FILE", path: folder.path + "/absent", problem: .notFound)) {
            try HeadlessForm.credentials(spec: spec, environment: environment, authMethod: "api_key")
        }
        let large = folder.write(String(repeating: "x", count: ValueFile.maximumSize + 1), to: "large")
        #expect(throws: ValueFileError(source: "k", path: large, problem: .tooLarge)) { try ValueFile.read(large, for: "k") }
        let error = ValueFileError(source: "ACME_API_KEY_FILE", path: "/absent", problem: .unreadable)
        #expect(error.message == "ACME_API_KEY_FILE: cannot read /absent" && error.exitStatus == .badInput)
    }

    @Test func whatIsNoTextOrNoFileIsRefusedWithoutWaiting() throws {
        let folder = TemporaryFolder()
        let binary = folder.write("", to: "binary")
        try Data([0x41, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: binary))
        #expect(throws: ValueFileError(source: "k", path: binary, problem: .notText)) { try ValueFile.read(binary, for: "k") }
        #expect(throws: ValueFileError(source: "k", path: folder.path, problem: .notAFile(kind: "a folder"))) {
            try ValueFile.read(folder.path, for: "k")
        }
        let fifo = folder.path + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: ValueFileError(source: "k", path: fifo, problem: .notAFile(kind: "a FIFO (named pipe)")),
                "a FIFO with no writer would otherwise hang the form") { try ValueFile.read(fifo, for: "k") }
        #expect(throws: ValueFileError(source: "k", path: "  ", problem: .noPath)) { try ValueFile.read("  ", for: "k") }
    }
}
