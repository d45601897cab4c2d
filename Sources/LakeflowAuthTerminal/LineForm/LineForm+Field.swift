import FoundationEssentials
import LakeflowAuthCore

extension LineForm {
    /// Asks for one option until the core accepts the answer: its name, whether it is required, its
    /// description, its choices, and what Enter keeps. Returns the value to set.
    func ask(_ option: ConnectorOption, number: Int, of total: Int) throws -> String? {
        let name = TerminalText.sanitized(option.name)
        let state = form.fieldStates.first { $0.option.name == option.name }
        let control = state?.control ?? FieldControl(option)
        let signIn = state?.signIn
        let need = signIn != nil ? "or Enter to sign in" : option.required ? "required" : "optional"
        let traits = [need, control.hidesValue ? "secret, not shown as you type" : nil, control.takesLines ? "several lines" : nil]
        console.write("\n" + style.heading("[\(number)/\(total)] \(name)") + " (" + traits.compactMap { $0 }.joined(separator: ", ") + ")\n")
        writeWrapped(TerminalText.sanitized(option.description), style.subdued)
        if case let .choice(choices) = control {
            let numbered = choices.enumerated().map { "\($0.offset + 1)) \(TerminalText.sanitized($0.element))" }
            console.write("  choices: " + numbered.joined(separator: "  ") + "\n")
        }
        if let hint = FieldHint(option).line {
            writeWrapped(hint, style.subdued)
        }
        if let signIn {
            writeWrapped(TerminalText.sanitized(signIn.note), style.subdued)
        }
        if control.takesLines {
            writeWrapped(MultilineValue.howItEnds + "; @FILE reads it from a file")
        }
        while true {
            let kept = form.effectiveValue(option).map { " [\(ValueDisplay.summary($0, of: option))]" }
                ?? signIn.map { " [\(TerminalText.sanitized($0.label.lowercased()))]" } ?? ""
            guard var answer = try console.ask("\(name)\(kept): ", secret: control.hidesValue) else { throw SetupCancelled.byPerson }
            if control.takesLines, continues(answer) {
                guard let rest = try console.continueLines(secret: control.hidesValue, until: MultilineValue.isEndLine) else {
                    throw SetupCancelled.byPerson
                }
                answer += "\n" + rest.joined(separator: "\n")
            }
            let candidate: String?
            do {
                candidate = try interpret(answer, for: option, control: control)
            } catch {
                console.write(style.problem(error.message) + "\n")
                console.discardTypeAhead()
                continue
            }
            if let error = form.check(option.name, candidate) {
                console.write(style.problem(error.message(label: name)) + "\n")
                continue
            }
            return candidate
        }
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
    func interpret(_ answer: String, for option: ConnectorOption, control: FieldControl) throws(FieldAnswerError) -> String? {
        let lines = answer.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard control.takesLines || lines.count == 1 else { throw .pastedLines(option: option.name) }
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
        guard control.takesLines else {
            let trimmed = answer.trimmingSpaces
            if case let .choice(choices) = control, !choices.contains(trimmed), let index = Int(trimmed),
               choices.indices.contains(index - 1) {
                return choices[index - 1]
            }
            return answer
        }
        return MultilineValue.joined(lines)
    }
}
