import Glibc

/// Writes straight to file descriptors 1 and 2, unbuffered, as Foundation's `FileHandle.standardOutput`
/// did: text written here is out before the process goes on (a URL a script waits for, an error before
/// an exit), whatever `print`'s buffer holds.
public enum StandardStreams {
    public static func writeOutput(_ text: String) {
        write(text, to: STDOUT_FILENO)
    }

    public static func writeError(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    private static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}
