import Age
import Foundation

/// In-process cost of sealing and opening one stored credential's worth of JSON.
enum AgeSealOpen {
    static let envelope = [UInt8](repeating: UInt8(ascii: "x"), count: 1024)

    static func x25519(runs: Int) throws -> Measurement {
        let identity = X25519Identity.generate()
        let samples = try (0..<runs).map { _ in
            try time {
                let sealed = try Age.encrypt(envelope, to: [identity.recipient])
                _ = try Age.decrypt(sealed, with: [identity])
            } * 1000
        }
        return Measurement(name: "age seal+open 1 KiB, X25519 (in process)", samples: samples, unit: "µs", target: "< 1000 µs")
    }

    static func scrypt(runs: Int) throws -> Measurement {
        let samples = try (0..<runs).map { _ in
            try time {
                let sealed = try Age.encrypt(envelope, to: [ScryptRecipient(passphrase: "benchmark passphrase", workFactor: 18)])
                _ = try Age.decrypt(sealed, with: [ScryptIdentity(passphrase: "benchmark passphrase")])
            }
        }
        return Measurement(name: "age seal+open 1 KiB, scrypt N=2^18 (in process)", samples: samples, unit: "ms", target: "(no target)")
    }

    /// Milliseconds one call of `body` takes.
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
    }
}
