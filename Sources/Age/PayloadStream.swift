import Crypto
import Foundation

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
                                          nonce: chunkNonce(counter, isFinal: end == plaintext.count))
            sealed += box.ciphertext
            sealed += box.tag
            start = end
            counter += 1
        } while start < plaintext.count
        return sealed
    }

    /// Passes each chunk to `release` only once it has been authenticated, and throws as soon as
    /// one does not, so callers can observe exactly the verified prefix.
    static func open(_ payload: ArraySlice<UInt8>, fileKey: SymmetricKey, release: ([UInt8]) throws -> Void) throws {
        guard payload.count >= nonceSize else {
            throw AgeError.headerFailure("file ends before the payload nonce; it is truncated")
        }
        let key = payloadKey(fileKey: fileKey, nonce: payload.prefix(nonceSize))
        var start = payload.startIndex + nonceSize
        var counter: UInt64 = 0
        repeat {
            let end = min(start + sealedChunkSize, payload.endIndex)
            let isFinal = end == payload.endIndex
            let plaintext = try openChunk(payload[start..<end], counter: counter, isFinal: isFinal, key: key)
            if isFinal && plaintext.isEmpty && counter > 0 {
                throw AgeError.payloadFailure("the final chunk is empty, which only an empty file may have")
            }
            try release(plaintext)
            start = end
            counter += 1
        } while start < payload.endIndex
    }

    private static func openChunk(_ chunk: ArraySlice<UInt8>, counter: UInt64, isFinal: Bool, key: SymmetricKey) throws -> [UInt8] {
        guard chunk.count >= tagSize else {
            throw AgeError.payloadFailure(chunk.isEmpty ? "the payload has no chunks; the file is truncated" : "chunk \(counter) is truncated")
        }
        if let plaintext = try? decrypt(chunk, counter: counter, isFinal: isFinal, key: key) {
            return plaintext
        }
        // Retrying with the opposite flag only improves the message; either way the chunk is rejected.
        if (try? decrypt(chunk, counter: counter, isFinal: !isFinal, key: key)) != nil {
            throw AgeError.payloadFailure(isFinal
                ? "the file is truncated: the final chunk is missing"
                : "unexpected data after the final chunk")
        }
        throw AgeError.payloadFailure("chunk \(counter) failed authentication; the file was modified or corrupted")
    }

    private static func decrypt(_ chunk: ArraySlice<UInt8>, counter: UInt64, isFinal: Bool, key: SymmetricKey) throws -> [UInt8] {
        let box = try ChaChaPoly.SealedBox(nonce: chunkNonce(counter, isFinal: isFinal),
                                           ciphertext: chunk.dropLast(tagSize), tag: chunk.suffix(tagSize))
        return Array(try ChaChaPoly.open(box, using: key))
    }

    private static func payloadKey(fileKey: SymmetricKey, nonce: some DataProtocol) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: fileKey, salt: nonce, info: Array("payload".utf8), outputByteCount: 32)
    }

    /// 11-byte big-endian counter followed by the final-chunk flag.
    private static func chunkNonce(_ counter: UInt64, isFinal: Bool) -> ChaChaPoly.Nonce {
        var bytes = [UInt8](repeating: 0, count: 3)
        bytes += withUnsafeBytes(of: counter.bigEndian) { Array($0) }
        bytes.append(isFinal ? 1 : 0)
        return try! ChaChaPoly.Nonce(data: bytes)
    }
}
