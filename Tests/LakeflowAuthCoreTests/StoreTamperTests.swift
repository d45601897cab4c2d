import Foundation
import LakeflowAuthCore
import Testing

@Suite struct StoreTamperTests {
    /// A spread of header bytes (the version line, the stanza, the MAC) and of payload bytes (the
    /// nonce, the ciphertext, the tag), always including the first and last of each.
    private static func positions(in file: [UInt8]) -> [Int] {
        let macLine = file.indices.first { file[$0...].starts(with: Array("\n--- ".utf8)) }!
        let headerEnd = file[macLine...].dropFirst().firstIndex(of: UInt8(ascii: "\n"))! + 1
        func spread(_ range: Range<Int>, _ count: Int) -> [Int] {
            Array(Set(stride(from: range.lowerBound, to: range.upperBound, by: max(1, range.count / count)) + [range.upperBound - 1]))
        }
        return (spread(0..<headerEnd, 28) + spread(headerEnd..<file.count, 12)).sorted()
    }

    @Test func everySingleByteChangeIsDetectedAndNothingIsOverwritten() throws {
        let temp = TemporaryStore()
        let store = temp.store()
        try store.save(Sample.envelope())
        let path = temp.location.credentialPath("acme")
        let original = temp.bytes(path)
        let fd = open(path, O_WRONLY)
        defer { close(fd) }
        var tried = 0
        for position in Self.positions(in: original) {
            for replacement in UInt8.min...UInt8.max where replacement != original[position] {
                var byte = replacement
                #expect(pwrite(fd, &byte, 1, off_t(position)) == 1)
                do {
                    _ = try store.open("acme")
                    Issue.record("a change of byte \(position) to \(replacement) went unnoticed")
                } catch {
                    #expect(error.userFacingExitStatus == .storeFailure, "byte \(position): \(error)")
                }
                tried += 1
            }
            var lastTampered = original
            lastTampered[position] = original[position] == .max ? .max - 1 : .max
            #expect(temp.bytes(path) == lastTampered, "opening a tampered file must not rewrite it")
            var byte = original[position]
            #expect(pwrite(fd, &byte, 1, off_t(position)) == 1)
        }
        #expect(tried >= 36 * 255)
        #expect(temp.bytes(path) == original)
        #expect(try store.open("acme") == Sample.envelope())
    }

    @Test func aTamperedFileIsNamedWithTheWayOut() throws {
        let temp = TemporaryStore()
        try temp.store().save(Sample.envelope())
        let path = temp.location.credentialPath("acme")
        var file = temp.bytes(path)
        file[file.count - 5] ^= 0x01
        temp.write(file, to: path)
        let error = #expect(throws: StoreError.self) { try temp.store().open("acme") }
        #expect(error == .damaged(path: path, connector: "acme"))
        #expect(error?.message == "\(path): the file was modified, truncated or corrupted after it was saved")
        #expect(error?.hints == ["run `lakeflow-auth acme` to enter the credentials again"])
    }

    @Test func aTruncatedFileIsAStoreError() throws {
        let temp = TemporaryStore()
        try temp.store().save(Sample.envelope())
        let path = temp.location.credentialPath("acme")
        let file = temp.bytes(path)
        for length in [0, 10, 100, file.count - 40, file.count - 17, file.count - 1] {
            temp.write(Array(file.prefix(length)), to: path)
            let error = #expect(throws: StoreError.self) { try temp.store().open("acme") }
            #expect(error?.exitStatus == .storeFailure)
        }
    }

    @Test func aFileLargerThanAnyCredentialIsNotReadWhole() throws {
        let temp = TemporaryStore()
        _ = try temp.store().publicKey()
        try FileManager.default.createDirectory(atPath: temp.location.credentialsFolder, withIntermediateDirectories: true)
        temp.write([UInt8](repeating: 0x61, count: 2 << 20), to: temp.location.credentialPath("acme"))
        let error = #expect(throws: StoreError.self) { try temp.store().open("acme") }
        guard case .tooLarge? = error else {
            Issue.record("expected too large, got \(String(describing: error))")
            return
        }
    }
}
