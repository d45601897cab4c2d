import Foundation
import LakeflowAuthCore
import Testing

@Suite struct StoreInteropTests {
    @Test func theAgeToolDecryptsAStoredFileToTheEnvelope() throws {
        let temp = TemporaryStore()
        try temp.store().save(Sample.envelope())
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["age", "-d", "-i", temp.location.identityPath, temp.location.credentialPath("acme")]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let plaintext = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? output.fileHandleForReading.close()
        #expect(process.terminationStatus == 0)
        // The envelope as documented, sealed with this machine's MAC as its last member.
        let text = String(decoding: plaintext, as: UTF8.self)
        #expect(text.hasPrefix(String(Sample.envelope().json.serialized().dropLast()) + #","mac":"hmac-sha256:"#))
        #expect(text.hasSuffix("\"}"))
    }
}
