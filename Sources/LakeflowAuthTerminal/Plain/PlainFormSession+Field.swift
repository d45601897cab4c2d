import Foundation
import LakeflowAuthCore

extension PlainFormSession {
    /// Asks for one option until the core accepts the answer: its name, whether it is required, its
    /// description, its choices, and what Enter keeps.
    mutating func ask(_ option: ConnectorOption, number: Int, of total: Int) throws(PlainFormError) {
        let name = TerminalText.sanitized(option.name)
        let traits = [option.required ? "required" : "optional", option.secret ? "secret, not shown as you type" : nil]
        console.write("\n" + style.heading("[\(number)/\(total)] \(name)") + " (" + traits.compactMap { $0 }.joined(separator: ", ") + ")\n")
        let description = TerminalText.sanitized(option.description)
        for line in WordWrap.lines(description, width: max(20, console.width - 3)) {
            console.write(style.subdued("  " + line) + "\n")
        }
        if !option.choices.isEmpty {
            let choices = option.choices.enumerated().map { "\($0.offset + 1)) \(TerminalText.sanitized($0.element))" }
            console.write("  choices: " + choices.joined(separator: "  ") + "\n")
        }
        while true {
            let kept = form.effectiveValue(option).map { " [\(shown($0, of: option))]" } ?? ""
            guard let answer = try console.ask("\(name)\(kept): ", secret: option.secret) else { throw .cancelled }
            let candidate = interpret(answer, for: option)
            if let error = form.check(option.name, candidate) {
                console.write(style.problem(error.message(label: name)) + "\n")
                continue
            }
            form.set(option.name, candidate)
            return
        }
    }

    /// A value as the form shows it: secrets masked, spec and environment text made safe.
    func shown(_ value: String, of option: ConnectorOption) -> String {
        option.secret ? Masking.mask(value) : TerminalText.sanitized(value)
    }

    /// Enter keeps the current value, `-` clears it, and a choice can be given by its number.
    private func interpret(_ answer: String, for option: ConnectorOption) -> String? {
        if answer.isEmpty { return form.values[option.name] }
        if answer == "-" { return nil }
        let trimmed = answer.trimmingCharacters(in: .whitespaces)
        if !option.choices.contains(trimmed), let index = Int(trimmed), option.choices.indices.contains(index - 1) {
            return option.choices[index - 1]
        }
        return answer
    }
}
