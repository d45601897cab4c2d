import Age
import Crypto
import Foundation
import SharedCorpus

/// One file of the C2SP age test suite, read from `../shared` beside the package.
struct TestVector {
    static var names: [String] { SharedCorpus.ageTestVectors.fileNames }

    let name: String
    let expect: String
    let payloadSHA256: String?
    let identityStrings: [String]
    let passphrases: [String]
    let armored: Bool
    let file: [UInt8]

    init(name: String) throws {
        self.name = name
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: SharedCorpus.ageTestVectors.file(name))))
        let separator = bytes.indices.first { bytes[$0] == 0x0a && bytes[$0 + 1] == 0x0a }!
        var fields: [(String, String)] = []
        for line in String(decoding: bytes[...separator], as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            fields.append((String(parts[0]), parts[1].trimmingCharacters(in: .whitespaces)))
        }
        func values(_ key: String) -> [String] { fields.filter { $0.0 == key }.map(\.1) }
        expect = values("expect").first!
        payloadSHA256 = values("payload").first
        identityStrings = values("identity")
        passphrases = values("passphrase")
        armored = values("armored").first == "yes"
        let body = Array(bytes[(separator + 2)...])
        file = values("compressed").first == "zlib" ? try Zlib.inflate(body) : body
    }

    /// Hybrid post-quantum identities are not implemented; only their X25519 siblings are used.
    var usesOnlyPostQuantumIdentities: Bool {
        !identityStrings.isEmpty && identityStrings.allSatisfy { $0.hasPrefix("AGE-SECRET-KEY-PQ-") }
    }

    func identities() throws -> [any AgeIdentity] {
        try identityStrings.filter { !$0.hasPrefix("AGE-SECRET-KEY-PQ-") }.map { try X25519Identity(bech32: $0) }
            + passphrases.map { ScryptIdentity(passphrase: $0) }
    }
}

func sha256Hex(_ bytes: [UInt8]) -> String {
    SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
}
