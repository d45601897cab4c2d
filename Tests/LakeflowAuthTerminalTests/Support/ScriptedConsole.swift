@testable import LakeflowAuthTerminal

/// A console that answers the line form from a script, as a person at a terminal would, and keeps
/// what the form wrote and asked.
final class ScriptedConsole: LineConsole {
    let width: Int
    private var answers: [String]
    private(set) var written = ""
    private(set) var prompts: [(prompt: String, secret: Bool)] = []
    private(set) var discarded = 0

    init(width: Int = 80, answers: [String]) {
        self.width = width
        self.answers = answers
    }

    func write(_ text: String) {
        written += text
    }

    /// The next answer, or nil (the end of input) when the script is done. An answer holding line
    /// breaks came as a paste.
    func ask(_ prompt: String, secret: Bool) throws(LineFormError) -> String? {
        written += prompt + "\n"
        prompts.append((prompt, secret))
        return answers.isEmpty ? nil : answers.removeFirst()
    }

    func continueLines(secret: Bool, until isLast: (String) -> Bool) throws(LineFormError) -> [String]? {
        var lines: [String] = []
        while !answers.isEmpty {
            let line = answers.removeFirst()
            if line.trimmingCharacters(in: .whitespaces).isEmpty { return lines }
            lines.append(line)
            if isLast(line) { return lines }
        }
        return nil
    }

    /// The next answer at once, or the end of input when the script is done.
    func line(within milliseconds: Int32) throws(LineFormError) -> WaitedLine {
        answers.isEmpty ? .endOfInput : .line(answers.removeFirst())
    }

    func discardTypeAhead() {
        discarded += 1
    }

    /// Every line written, without the line breaks.
    var lines: [String] { written.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
}
