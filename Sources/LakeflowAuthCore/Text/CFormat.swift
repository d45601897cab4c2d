import Glibc

/// A number written by a C `printf` format (`%g`, `%.1f`), as Foundation's `String(format:)` wrote it:
/// in the C locale, with a decimal point, whatever locale the curses screen chose for the process.
public enum CFormat {
    private nonisolated(unsafe) static let cLocale = newlocale(1 << LC_NUMERIC, "C", nil)

    public static func string(_ format: String, _ arguments: CVarArg...) -> String {
        let previous = uselocale(cLocale)
        defer { uselocale(previous) }
        var buffer = [CChar](repeating: 0, count: 64)
        let length = Int(withVaList(arguments) { vsnprintf(&buffer, buffer.count, format, $0) })
        if length >= buffer.count {
            buffer = [CChar](repeating: 0, count: length + 1)
            _ = withVaList(arguments) { vsnprintf(&buffer, buffer.count, format, $0) }
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
