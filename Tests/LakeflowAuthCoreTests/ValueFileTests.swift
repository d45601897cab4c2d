import Foundation
import LakeflowAuthCore
import Testing

/// Loading a field's value from a file, as the interactive forms offer it.
struct ValueFileTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("value-file-\(UUID().uuidString)").path

    init() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    @Test func readsAMultiLineKeyByteForByteAndExpandsTheHomeFolder() throws {
        let key = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----\n"
        try key.write(toFile: folder + "/key.pem", atomically: true, encoding: .utf8)
        #expect(try ValueFile.read(folder + "/key.pem", environment: [:]) == key)
        #expect(try ValueFile.read("~/key.pem", environment: ["HOME": folder]) == key)
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test func refusesWhatIsNoValue() throws {
        try Data([0x41, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: folder + "/binary"))
        try Data(repeating: 0x41, count: ValueFile.limit + 1).write(to: URL(fileURLWithPath: folder + "/large"))
        #expect(throws: ValueFileError.notText(path: folder + "/binary")) { try ValueFile.read(folder + "/binary", environment: [:]) }
        #expect(throws: ValueFileError.tooLarge(path: folder + "/large", limit: ValueFile.limit)) {
            try ValueFile.read(folder + "/large", environment: [:])
        }
        #expect(throws: ValueFileError.notFound(path: folder + "/missing")) { try ValueFile.read(folder + "/missing", environment: [:]) }
        #expect(throws: ValueFileError.noPath) { try ValueFile.read("  ", environment: [:]) }
        #expect(throws: ValueFileError.self) { try ValueFile.read(folder, environment: [:]) }
        try? FileManager.default.removeItem(atPath: folder)
    }
}
