import FoundationEssentials
import LakeflowAuthCore

/// Text for people on stdout (summaries, listings, results), through the terminal sanitizer as
/// `Diagnostics` passes stderr: it quotes servers, specs and paths. Data (`export`, JSON, a generated
/// spec) is written by its own encoders instead, which escape rather than replace.
enum HumanOutput {
    static func write(_ text: String) {
        StandardStreams.writeOutput(TerminalText.sanitizedLines(text))
    }

    /// `text` and a line break, as `print` would write it.
    static func line(_ text: String) {
        write(text + "\n")
    }
}
