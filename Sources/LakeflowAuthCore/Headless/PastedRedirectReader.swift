import FoundationEssentials
import Glibc
import PosixThreads

/// Headless: the address the browser ended on, pasted on standard input while the code flow waits,
/// for a browser on another machine. Each line answers the wait (`OAuthAuthorizationWait`) until one
/// is taken; a refused line is told and the wait goes on. End of input (CI's `/dev/null`, a closed
/// pipe) only stops the reading: the callback can still come.
public enum PastedRedirectReader {
    /// A redirect address is a few hundred bytes; a longer line is no address, and is not kept whole.
    static let lineLimit = 16 * 1024

    /// Reads on a thread of its own, so nothing waits for a person who never types.
    public static func start(_ wait: OAuthAuthorizationWait, descriptor: Int32 = STDIN_FILENO,
                             refused: @escaping @Sendable (PastedRedirectRefusal) -> Void) {
        DetachedThread.start {
            var line: [UInt8] = []
            var tooLong = false
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return }
                for byte in buffer[..<count] {
                    guard byte == UInt8(ascii: "\n") else {
                        if line.count < lineLimit { line.append(byte) } else { tooLong = true }
                        continue
                    }
                    defer { line.removeAll(keepingCapacity: true); tooLong = false }
                    let text = String(decoding: line, as: UTF8.self)
                    guard !text.allSatisfy(\.isWhitespace) else { continue }
                    do throws(PastedRedirectRefusal) {
                        guard !tooLong else { throw PastedRedirectRefusal.notARedirect }
                        try wait.answer(pasted: text)
                        return
                    } catch .alreadyAnswered {
                        return
                    } catch {
                        refused(error)
                    }
                }
            }
        }
    }
}
