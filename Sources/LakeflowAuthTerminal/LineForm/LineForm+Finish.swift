import FoundationEssentials
import LakeflowAuthCore

extension LineForm {
    /// The summary, the check and the save, with the way back into the form when the check fails:
    /// after an edit, the summary shows again and the check runs again.
    mutating func finish() async throws -> SavedSetup {
        while true {
            try await askUntilValid()
            writeSummary()
            snapshot = await session.submit()
            try await follow()
            switch snapshot.state {
            case let .saved(saved):
                return report(saved)
            case let .checkFailed(failure):
                try await review(failure)
                if case let .saved(saved) = snapshot.state { return report(saved) }
            case let .failed(error):
                throw error
            case let .cancelled(reason):
                throw reason
            case .editing, .needsPassphrase, .checking, .authorizing:
                continue
            }
        }
    }

    /// Draws the session's work until it waits for the form again or has ended: the check under way,
    /// the OAuth step's link (and the address the browser ended on, when the person pastes it), the
    /// passphrase asked on the way.
    private mutating func follow() async throws {
        var shownLink: URL?
        var saidChecking = false
        for await update in await session.updates() {
            snapshot = update
            switch update.state {
            case .checking:
                if !saidChecking { console.write("Checking the credentials with \(TerminalText.sanitized(form.spec.title))…\n") }
                saidChecking = true
            case let .authorizing(step):
                if step.url != shownLink {
                    console.write("\n" + step.lead + "\n" + step.url.absoluteString + "\n" + AuthorizationStep.pasteInvitation
                                  + "\nWaiting for the authorization (Ctrl-C to stop)…\n")
                    shownLink = step.url
                }
                if let refusal = step.pasteRefusal { console.write(style.problem(sentence(refusal)) + "\n") }
                try await takePastedAddress()
            case .needsPassphrase:
                try await askPassphrase()
            case .editing, .checkFailed, .saved, .cancelled, .failed:
                return
            }
        }
    }

    /// Any field the core still refuses is asked again, until the form validates.
    private mutating func askUntilValid() async throws {
        while true {
            var candidate = form
            do {
                _ = try candidate.validate()
                return
            } catch {
                for fieldError in error.errors {
                    guard let index = form.fields.firstIndex(where: { $0.name == fieldError.option }) else {
                        snapshot = await session.set(fieldError.option, nil)
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
            let name = TerminalText.sanitized(field.option.name).padded(toLength: nameWidth)
            console.write("  \(index + 1)) \(name)  \(field.summary ?? style.subdued("(none)"))\n")
        }
    }

    /// After a failed check: the core's choices by number, its first on Enter. Edit asks which field,
    /// then asks it; the check then runs again.
    private mutating func review(_ failure: CheckFailure) async throws {
        console.write(style.problem(sentence(failure.message)) + "\n")
        for hint in failure.hints { console.write(sentence(hint) + "\n") }
        let fields = form.fields
        let suggested = failure.concernedOptions.compactMap { name in fields.firstIndex { $0.name == name } }.first
        let choices = snapshot.choices
        while true {
            console.write("  " + choices.enumerated().map { "\($0.offset + 1)) \($0.element.label)" }.joined(separator: "  ") + "\n")
            guard let reply = try console.ask("What now (1-\(choices.count)) [1]: ", secret: false) else {
                throw SetupCancelled.byPerson
            }
            let trimmed = reply.trimmingSpaces
            guard let number = trimmed.isEmpty ? 1 : Int(trimmed), choices.indices.contains(number - 1) else {
                console.write(style.problem("choose a number from 1 to \(choices.count)") + "\n")
                continue
            }
            switch choices[number - 1].kind {
            case .edit:
                let keep = suggested.map { " [\($0 + 1)]" } ?? ""
                guard let choice = try console.ask("Which field (1-\(fields.count))\(keep): ", secret: false) else {
                    throw SetupCancelled.byPerson
                }
                let chosen = choice.isEmpty ? suggested : Int(choice.trimmingSpaces).map { $0 - 1 }
                guard let index = chosen, fields.indices.contains(index) else {
                    console.write(style.problem("choose a field number from 1 to \(fields.count)") + "\n")
                    continue
                }
                snapshot = await session.edit()
                try await askAndRecord(fields[index], number: index + 1, of: fields.count)
                return
            case .saveUnverified:
                snapshot = try await session.saveUnverified()
                return
            case .quit:
                snapshot = await session.cancel()
                if case let .cancelled(reason) = snapshot.state { throw reason }
                return
            case .retry, .save, .stopChecking, .unlock:
                return
            }
        }
    }

    private func report(_ saved: SavedSetup) -> SavedSetup {
        let note = sentence(saved.checkNote)
        console.write((saved.isVerified ? style.success(note) : note) + "\n")
        console.write(sentence(saved.placeNote) + "\n")
        return saved
    }
}

extension LineForm {
    /// While the provider's callback is awaited, a line typed is the address the browser ended on
    /// (where the callback cannot reach this machine) and goes to the session; returns once one was
    /// given or the step is over.
    private mutating func takePastedAddress() async throws {
        while case .authorizing = await session.state {
            switch try console.line(within: 100) {
            case let .line(address) where !address.trimmingSpaces.isEmpty:
                snapshot = await session.answerAuthorization(pasted: address)
                return
            case .endOfInput:
                return
            case .line, .nothing:
                continue
            }
        }
    }
}
