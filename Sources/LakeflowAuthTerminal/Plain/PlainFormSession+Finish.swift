import Foundation
import LakeflowAuthCore

extension PlainFormSession {
    /// The summary, the check and the save, with the way back into the form when the check fails:
    /// after an edit, the summary shows again and the check runs again.
    mutating func finish() async throws -> SavedSetup {
        while true {
            try await askUntilValid()
            writeSummary()
            if session.checksCredentials {
                console.write("Checking the credentials with \(TerminalText.sanitized(form.spec.title))…\n")
            }
            let snapshot = try await session.submit()
            form = snapshot.form
            switch snapshot.state {
            case let .saved(saved):
                return report(saved)
            case let .checkFailed(failure):
                if try await review(failure) == .saveUnverified {
                    let kept = try await session.saveUnverified()
                    if case let .saved(saved) = kept.state { return report(saved) }
                }
            case .editing, .checking:
                continue
            case .cancelled:
                throw PlainFormError.cancelled
            }
        }
    }

    private enum FailureChoice {
        case checkAgain, saveUnverified
    }

    /// Any field the core still refuses is asked again, until the form validates.
    private mutating func askUntilValid() async throws(PlainFormError) {
        while true {
            var candidate = form
            do {
                _ = try candidate.validate()
                return
            } catch {
                for fieldError in error.errors {
                    guard let index = form.fields.firstIndex(where: { $0.name == fieldError.option }) else {
                        form = await session.set(fieldError.option, nil).form
                        continue
                    }
                    console.write(style.problem(fieldError.message(label: TerminalText.sanitized(fieldError.option))) + "\n")
                    try await askAndRecord(form.fields[index], number: index + 1, of: form.fields.count)
                }
            }
        }
    }

    private func writeSummary() {
        let method = form.authMethod.map { " (auth method \(TerminalText.sanitized($0.name)))" } ?? ""
        console.write("\n" + style.heading("Summary\(method)") + "\n")
        let fields = form.fieldStates
        let nameWidth = fields.map { TerminalText.sanitized($0.option.name).count }.max() ?? 0
        for (index, field) in fields.enumerated() {
            let name = TerminalText.sanitized(field.option.name).padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            console.write("  \(index + 1)) \(name)  \(field.summary ?? style.subdued("(none)"))\n")
        }
    }

    /// After a failed check: edit a field (then check again), retry, save unverified where the core
    /// allows it, or quit.
    private mutating func review(_ failure: CheckFailure) async throws -> FailureChoice {
        console.write(style.problem(sentence(failure.message)) + "\n")
        for hint in failure.hints { console.write(sentence(hint) + "\n") }
        let fields = form.fields
        let suggested = failure.concernedOptions.compactMap { name in fields.firstIndex { $0.name == name } }.first
        let menu: [(String, ReviewAction)] = [("edit a field", .edit), ("retry", .retry)]
            + (failure.mayBeSavedUnverified ? [("save unverified", .saveUnverified)] : []) + [("quit", .quit)]
        let retryNumber = menu.firstIndex { $0.1 == .retry }! + 1
        while true {
            console.write("  " + menu.enumerated().map { "\($0.offset + 1)) \($0.element.0)" }.joined(separator: "  ") + "\n")
            guard let reply = try console.ask("What now (1-\(menu.count)) [\(retryNumber)]: ", secret: false) else {
                throw PlainFormError.cancelled
            }
            let trimmed = reply.trimmingCharacters(in: .whitespaces)
            let picked = trimmed.isEmpty ? retryNumber : Int(trimmed)
            guard let number = picked, menu.indices.contains(number - 1) else {
                console.write(style.problem("choose a number from 1 to \(menu.count)") + "\n")
                continue
            }
            switch menu[number - 1].1 {
            case .edit:
                let keep = suggested.map { " [\($0 + 1)]" } ?? ""
                guard let choice = try console.ask("Which field (1-\(fields.count))\(keep): ", secret: false) else {
                    throw PlainFormError.cancelled
                }
                let chosen = choice.isEmpty ? suggested : Int(choice.trimmingCharacters(in: .whitespaces)).map { $0 - 1 }
                guard let index = chosen, fields.indices.contains(index) else {
                    console.write(style.problem("choose a field number from 1 to \(fields.count)") + "\n")
                    continue
                }
                form = await session.edit().form
                try await askAndRecord(fields[index], number: index + 1, of: fields.count)
                return .checkAgain
            case .retry:
                return .checkAgain
            case .saveUnverified:
                return .saveUnverified
            case .quit:
                throw PlainFormError.notSaved(reason: failure.message, exitStatus: failure.exitStatus)
            }
        }
    }

    private enum ReviewAction {
        case edit, retry, saveUnverified, quit
    }

    private func report(_ saved: SavedSetup) -> SavedSetup {
        switch saved.check {
        case let .passed(result):
            let line = sentence(result.message)
            console.write((result.isVerified ? style.success(line) : line) + "\n")
        case .skipped:
            console.write("Not checked (--no-probe).\n")
        case .keptDespite:
            console.write("Saved without a successful check.\n")
        }
        console.write("Saved to \(TerminalText.sanitized(saved.path))\n")
        return saved
    }

    /// Core messages are lower case for the `lakeflow-auth: error:` voice; on their own line they read
    /// as sentences. They may quote a server or a file, so they pass the terminal sanitizer.
    private func sentence(_ message: String) -> String {
        TerminalText.sanitizedLines(message.prefix(1).uppercased() + message.dropFirst())
    }
}
