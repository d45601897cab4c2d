import Foundation
import LakeflowAuthCore

extension PlainFormSession {
    /// The summary, the probe and the save, with the way back into the form when the probe fails.
    mutating func finish() async throws -> String {
        while true {
            let credentials = try validated()
            writeSummary()
            guard let probe = actions.probe else {
                return try save(credentials, result: nil, note: "Not checked (--no-probe).")
            }
            console.write("Checking the credentials with \(TerminalText.sanitized(form.spec.title))…\n")
            let answer: ProbeAnswer
            do throws(ProbeURLError) {
                let result = try await probe(credentials)
                answer = ProbeAnswer(message: result.message, hints: [], concernedOptions: result.concernedOptions,
                                     exitStatus: result.exitStatus, result: result)
            } catch {
                answer = ProbeAnswer(message: error.message, hints: error.hints, concernedOptions: error.options,
                                     exitStatus: error.exitStatus, result: nil)
            }
            if let result = answer.result, result.exitStatus == .success {
                let line = sentence(result.message)
                return try save(credentials, result: result, note: result.isVerified ? style.success(line) : line)
            }
            if try review(answer) == .saveUnverified {
                return try save(try validated(), result: answer.result, note: "Saving without a successful check.")
            }
        }
    }

    /// What a probe found, or why it could not be sent, as the review after a failure needs it.
    private struct ProbeAnswer {
        let message: String
        let hints: [String]
        let concernedOptions: [String]
        let exitStatus: ExitStatus
        let result: ProbeResult?
    }

    private enum FailureChoice {
        case retry, saveUnverified
    }

    /// Credentials from the form; any field the core still refuses is asked again.
    private mutating func validated() throws(PlainFormError) -> Credentials {
        while true {
            do {
                return try form.validate()
            } catch {
                for fieldError in error.errors {
                    guard let index = form.fields.firstIndex(where: { $0.name == fieldError.option }) else {
                        form.set(fieldError.option, nil)
                        continue
                    }
                    console.write(style.problem(fieldError.message(label: TerminalText.sanitized(fieldError.option))) + "\n")
                    try ask(form.fields[index], number: index + 1, of: form.fields.count)
                }
            }
        }
    }

    private func writeSummary() {
        let fields = form.fields
        let method = form.authMethod.map { " (auth method \(TerminalText.sanitized($0.name)))" } ?? ""
        console.write("\n" + style.heading("Summary\(method)") + "\n")
        let nameWidth = fields.map { TerminalText.sanitized($0.name).count }.max() ?? 0
        for (index, option) in fields.enumerated() {
            let name = TerminalText.sanitized(option.name).padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            let value = form.effectiveValue(option).map { shown($0, of: option) } ?? style.subdued("(none)")
            console.write("  \(index + 1)) \(name)  \(value)\n")
        }
    }

    /// After a failed probe: edit fields, then retry or save unverified; or quit.
    private mutating func review(_ answer: ProbeAnswer) throws(PlainFormError) -> FailureChoice {
        console.write(style.problem(sentence(answer.message)) + "\n")
        for hint in answer.hints { console.write(sentence(hint) + "\n") }
        let fields = form.fields
        let suggested = answer.concernedOptions.compactMap { name in fields.firstIndex { $0.name == name } }.first
        while true {
            console.write("  1) edit a field  2) retry  3) save unverified  4) quit\n")
            guard let reply = try console.ask("What now (1-4) [2]: ", secret: false) else { throw .cancelled }
            switch reply.trimmingCharacters(in: .whitespaces) {
            case "1":
                let keep = suggested.map { " [\($0 + 1)]" } ?? ""
                guard let choice = try console.ask("Which field (1-\(fields.count))\(keep): ", secret: false) else { throw .cancelled }
                let picked = choice.isEmpty ? suggested : Int(choice.trimmingCharacters(in: .whitespaces)).map { $0 - 1 }
                guard let index = picked, fields.indices.contains(index) else {
                    console.write(style.problem("choose a field number from 1 to \(fields.count)") + "\n")
                    continue
                }
                try ask(fields[index], number: index + 1, of: fields.count)
            case "", "2":
                return .retry
            case "3":
                return .saveUnverified
            case "4":
                throw .notSaved(reason: answer.message, exitStatus: answer.exitStatus)
            default:
                console.write(style.problem("choose a number from 1 to 4") + "\n")
            }
        }
    }

    private func save(_ credentials: Credentials, result: ProbeResult?, note: String) throws -> String {
        console.write(note + "\n")
        let path = try actions.save(credentials, result)
        console.write("Saved to \(path)\n")
        return path
    }

    /// Core messages are lower case for the `lakeflow-auth: error:` voice; on their own line they read
    /// as sentences.
    private func sentence(_ message: String) -> String {
        message.prefix(1).uppercased() + message.dropFirst()
    }
}
