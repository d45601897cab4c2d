import FoundationEssentials
import Glibc
import LakeflowAuthCore

/// The line form's only decoration: a little color, and none unless stdout is a terminal and
/// `NO_COLOR` is unset (https://no-color.org).
public struct LineStyle: Sendable {
    public let colored: Bool

    public init(colored: Bool) {
        self.colored = colored
    }

    public static func forStandardOutput(environment: [String: String] = ProcessInfo.processInfo.environment) -> LineStyle {
        LineStyle(colored: isatty(STDOUT_FILENO) == 1 && (environment["NO_COLOR"] ?? "").isEmpty)
    }

    func heading(_ text: String) -> String { paint(text, "1") }
    func subdued(_ text: String) -> String { paint(text, "2") }
    func problem(_ text: String) -> String { paint(text, "31") }
    func success(_ text: String) -> String { paint(text, "32") }

    /// The text passes the terminal sanitizer before the style's own escapes go around it: what it
    /// quotes (a field's name, a message about a value) comes from outside.
    private func paint(_ text: String, _ code: String) -> String {
        let clean = TerminalText.sanitizedLines(text)
        return colored ? "\u{1B}[\(code)m\(clean)\u{1B}[0m" : clean
    }
}
