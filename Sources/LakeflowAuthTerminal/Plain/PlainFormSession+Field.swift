import Foundation
import LakeflowAuthCore

extension PlainFormSession {
    /// Asks for one option until the core accepts the answer: its name, whether it is required, its
    /// description, its choices, and what Enter keeps.
    mutating func ask(_ option: ConnectorOption, number: Int, of total: Int) throws(PlainFormError) {
        let name = TerminalText.sanitized(option.name)
        let traits = [option.required ? "required" : "optional", option.secret ? "secret, not shown as you type" : nil,
                      option.multiline ? "several lines" : nil]
        console.write("\n" + style.heading("[\(number)/\(total)] \(name)") + " (" + traits.compactMap { $0 }.joined(separator: ", ") + ")\n")
        let description = TerminalText.sanitized(option.description)
        for line in WordWrap.lines(description, width: max(20, console.width - 3)) {
            console.write(style.subdued("  " + line) + "\n")
        }
        if let hint = FieldHint(option).line {
            console.write(style.subdued("  " + hint) + "\n")
        }
        if !option.choices.isEmpty {
            let choices = option.choices.enumerated().map { "\($0.offset + 1)) \(TerminalText.sanitized($0.element))" }
            console.write("  choices: " + choices.joined(separator: "  ") + "\n")
        }
        if option.multiline {
            console.write("  " + MultilineValue.howItEnds + "; @FILE reads it from a file\n")
        }
        while true {
            let kept = form.effectiveValue(option).map { " [\(shown($0, of: option))]" } ?? ""
            guard var answer = try console.ask("\(name)\(kept): ", secret: option.secret) else { throw .cancelled }
            if option.multiline, continues(answer) {
                guard let rest = try console.continueLines(secret: option.secret, until: MultilineValue.isEndLine) else { throw .cancelled }
                answer += "\n" + rest.joined(separator: "\n")
            }
            let candidate: String?
            do {
                candidate = try interpret(answer, for: option)
            } catch {
                console.write(style.problem(error.message) + "\n")
                console.discardTypeAhead()
                continue
            }
            if let error = form.check(option.name, candidate) {
                console.write(style.problem(error.message(label: name)) + "\n")
                continue
            }
            form.set(option.name, candidate)
            return
        }
    }

    /// A value as the form shows it: secrets masked, spec and environment text made safe, a
    /// multi-line value by its first line and how many there are.
    func shown(_ value: String, of option: ConnectorOption) -> String {
        if option.secret { return Masking.mask(value) }
        let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > 1 else { return TerminalText.sanitized(value) }
        return TerminalText.sanitized(String(lines[0])) + " … (\(lines.count) lines)"
    }

    /// True when a multi-line answer has more lines to come: it is a value (not Enter, `-` or `@FILE`)
    /// whose lines so far do not end it.
    private func continues(_ answer: String) -> Bool {
        guard !answer.isEmpty, answer != "-", !answer.hasPrefix("@") || answer.hasPrefix("@@") else { return false }
        let lines = answer.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return !MultilineValue.isComplete(lines) && lines.last?.isEmpty == false
    }

    /// Enter keeps the current value, `-` clears it, `@FILE` reads it from a file (`@@` starts a value
    /// with `@`), a choice can be given by its number, and a multi-line answer becomes one value.
    private func interpret(_ answer: String, for option: ConnectorOption) throws(FieldAnswerError) -> String? {
        let lines = answer.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard option.multiline || lines.count == 1 else { throw .pastedLines(option: option.name) }
        if answer.isEmpty { return form.values[option.name] }
        if answer == "-" { return nil }
        if answer.hasPrefix("@@") { return String(answer.dropFirst()) }
        if answer.hasPrefix("@"), lines.count == 1 {
            do {
                return try ValueFile.read(String(answer.dropFirst()), for: option.name)
            } catch {
                // The path was typed where a secret goes: it may be the secret, so it is not repeated.
                throw option.secret ? .unreadableFile(option: option.name) : .file(error)
            }
        }
        guard option.multiline else {
            let trimmed = answer.trimmingCharacters(in: .whitespaces)
            if !option.choices.contains(trimmed), let index = Int(trimmed), option.choices.indices.contains(index - 1) {
                return option.choices[index - 1]
            }
            return answer
        }
        return MultilineValue.joined(lines)
    }
}
