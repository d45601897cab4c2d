import Crypto
import FoundationEssentials

/// The STREAM construction: ChaCha20-Poly1305 over 64 KiB chunks, each nonce carrying the chunk
/// counter and a flag marking the final chunk, so truncation and reordering are detected.
enum PayloadStream {
    static let chunkSize = 64 * 1024
    static let nonceSize = 16
    private static let tagSize = 16
    private static let sealedChunkSize = chunkSize + tagSize

    /// The payload nonce followed by the sealed chunks.
    static func seal(_ plaintext: [UInt8], fileKey: SymmetricKey) throws -> [UInt8] {
        let nonce = SecureRandom.bytes(nonceSize)
        let key = payloadKey(fileKey: fileKey, nonce: nonce)
        var sealed = nonce
        sealed.reserveCapacity(nonceSize + plaintext.count + (plaintext.count / chunkSize + 1) * tagSize)
        var start = 0
        var counter: UInt64 = 0
        repeat {
            let end = min(start + chunkSize, plaintext.count)
            let box = try ChaChaPoly.seal(plaintext[start..<end], using: key,
                                          nonce: try chunkNonce(counter, isFinal: end == plaintext.count))
            sealed += box.ciphertext
            sealed += box.tag
            start = end
            counter += 1
        } while start < plaintext.count
        return sealed
    }

    /// Passes each chunk to `release` as soon as it is authenticated and throws at the first one
    /// that is not, so callers observe exactly the verified prefix. A full-size chunk is released
    /// on its own merit, before it is known whether the file continues after it.
    static func open(_ payload: ArraySlice<UInt8>, fileKey: SymmetricKey, release: ([UInt8]) throws -> Void) throws {
        guard payload.count >= nonceSize else {
            throw AgeError.headerFailure("file ends before the payload nonce; it is truncated")
        }
        let key = payloadKey(fileKey: fileKey, nonce: payload.prefix(nonceSize))
        var start = payload.startIndex + nonceSize
        var counter: UInt64 = 0
        repeat {
            let end = min(start + sealedChunkSize, payload.endIndex)
            let (plaintext, isFinal) = try openChunk(payload[start..<end], counter: counter, key: key)
            if isFinal && plaintext.isEmpty && counter > 0 {
                throw AgeError.payloadFailure("the final chunk is empty, which only an empty file may have")
            }
            try release(plaintext)
            if isFinal {
                guard end == payload.endIndex else {
                    throw AgeError.payloadFailure("unexpected data after the final chunk")
                }
                return
            }
            start = end
            counter += 1
        } while start < payload.endIndex
        throw AgeError.payloadFailure("the file is truncated: the final chunk is missing")
    }

    /// Only a full-size chunk can be non-final; a shorter one must carry the final flag.
    private static func openChunk(_ chunk: ArraySlice<UInt8>, counter: UInt64, key: SymmetricKey) throws -> ([UInt8], isFinal: Bool) {
        guard chunk.count >= tagSize else {
            throw AgeError.payloadFailure(chunk.isEmpty ? "the payload has no chunks; the file is truncated" : "chunk \(counter) is truncated")
        }
        if chunk.count == sealedChunkSize, let plaintext = try? decrypt(chunk, counter: counter, isFinal: false, key: key) {
            return (plaintext, false)
        }
        guard let plaintext = try? decrypt(chunk, counter: counter, isFinal: true, key: key) else {
            throw AgeError.payloadFailure("chunk \(counter) failed authentication; the file was modified or corrupted")
        }
        return (plaintext, true)
    }

    private static func decrypt(_ chunk: ArraySlice<UInt8>, counter: UInt64, isFinal: Bool, key: SymmetricKey) throws -> [UInt8] {
        let box = try ChaChaPoly.SealedBox(nonce: try chunkNonce(counter, isFinal: isFinal),
                                           ciphertext: chunk.dropLast(tagSize), tag: chunk.suffix(tagSize))
        return Array(try ChaChaPoly.open(box, using: key))
    }

    private static func payloadKey(fileKey: SymmetricKey, nonce: some DataProtocol) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: fileKey, salt: nonce, info: Array("payload".utf8), outputByteCount: 32)
    }

    /// 11-byte big-endian counter followed by the final-chunk flag.
    private static func chunkNonce(_ counter: UInt64, isFinal: Bool) throws -> ChaChaPoly.Nonce {
        var bytes = [UInt8](repeating: 0, count: 3)
        bytes += withUnsafeBytes(of: counter.bigEndian) { Array($0) }
        bytes.append(isFinal ? 1 : 0)
        return try ChaChaPoly.Nonce(data: bytes)
    }
}
