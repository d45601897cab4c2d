/// BIP-173 Bech32, without the 90-character limit because age keys are longer.
enum Bech32 {
    private static let charset = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)
    private static let generator: [UInt32] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3]

    /// Encodes in lowercase; callers uppercase the result where the format calls for it.
    static func encode(hrp: String, data: [UInt8]) -> String {
        let hrpBytes = Array(hrp.lowercased().utf8)
        let values = regroup(data, from: 8, to: 5, pad: true)!
        let mod = polymod(expand(hrpBytes) + values + [0, 0, 0, 0, 0, 0]) ^ 1
        let checksum = (0..<6).map { UInt8((mod >> (5 * (5 - UInt32($0)))) & 31) }
        return String(decoding: hrpBytes + [UInt8(ascii: "1")] + (values + checksum).map { charset[Int($0)] }, as: UTF8.self)
    }

    /// Returns the lowercased human-readable part and the decoded bytes.
    static func decode(_ text: String) throws -> (hrp: String, data: [UInt8]) {
        let bytes = Array(text.utf8)
        guard bytes.allSatisfy({ (33...126).contains($0) }) else {
            throw AgeError.invalidKey("bech32 string contains characters outside printable ascii")
        }
        let lower = Array(text.lowercased().utf8)
        guard bytes == lower || bytes == Array(text.uppercased().utf8) else {
            throw AgeError.invalidKey("bech32 string mixes upper and lower case")
        }
        guard let separator = lower.lastIndex(of: UInt8(ascii: "1")), separator >= 1, separator + 7 <= lower.count else {
            throw AgeError.invalidKey("bech32 string has no valid separator")
        }
        let hrp = Array(lower[..<separator])
        var values: [UInt8] = []
        for byte in lower[(separator + 1)...] {
            guard let value = charset.firstIndex(of: byte) else {
                throw AgeError.invalidKey("bech32 string contains an invalid data character")
            }
            values.append(UInt8(value))
        }
        guard polymod(expand(hrp) + values) == 1 else {
            throw AgeError.invalidKey("bech32 checksum does not match; the key was mistyped or truncated")
        }
        guard let data = regroup(values.dropLast(6), from: 5, to: 8, pad: false) else {
            throw AgeError.invalidKey("bech32 data has invalid padding")
        }
        return (String(decoding: hrp, as: UTF8.self), data)
    }

    private static func polymod(_ values: [UInt8]) -> UInt32 {
        var checksum: UInt32 = 1
        for value in values {
            let top = checksum >> 25
            checksum = (checksum & 0x1ff_ffff) << 5 ^ UInt32(value)
            for bit in 0..<5 where (top >> bit) & 1 == 1 {
                checksum ^= generator[bit]
            }
        }
        return checksum
    }

    private static func expand(_ hrp: [UInt8]) -> [UInt8] {
        hrp.map { $0 >> 5 } + [0] + hrp.map { $0 & 31 }
    }

    /// Returns nil when unpadded input leaves non-zero or overlong trailing bits.
    private static func regroup(_ input: some Sequence<UInt8>, from: Int, to: Int, pad: Bool) -> [UInt8]? {
        var accumulator = 0
        var bits = 0
        var output: [UInt8] = []
        let mask = (1 << to) - 1
        let accumulatorMask = (1 << (from + to - 1)) - 1
        for value in input {
            accumulator = ((accumulator << from) | Int(value)) & accumulatorMask
            bits += from
            while bits >= to {
                bits -= to
                output.append(UInt8((accumulator >> bits) & mask))
            }
        }
        if pad {
            if bits > 0 { output.append(UInt8((accumulator << (to - bits)) & mask)) }
        } else if bits >= from || (accumulator << (to - bits)) & mask != 0 {
            return nil
        }
        return output
    }
}
