import CNCurses
import FoundationEssentials
import LakeflowAuthCore

extension CursesForm {
    /// While the check runs: the spinner and the time, Esc to stop it, Ctrl-C to stop it and ask to
    /// quit; an OAuth step's link in a box of its own, whole, for the person to open (or to open again,
    /// when a browser was opened on it), and a paste there is the address the browser ended on. The
    /// session goes on by itself; this draws it at each tick.
    func watchCheck() {
        if case let .authorizing(step) = snapshot.state {
            // A link has no spaces to wrap at: it is cut into rows the box can hold.
            let text = Array(step.url.absoluteString)
            let rows = stride(from: 0, to: text.count, by: 64).map { String(text[$0..<min($0 + 64, text.count)]) }
            let waiting = "\(spinnerFrame(since: step.since)) Waiting for the authorization… \(elapsed(since: step.since))"
            let refusal = step.pasteRefusal.map { [(theme.problemMark + " " + sentence($0), Theme.Role.problem)] } ?? []
            showDialog(Dialog(title: "Authorize \(TerminalText.sanitized(form.spec.title))", lines:
                [(step.lead, .value), ("", .value)] + rows.map { ($0, .value) }
                + [("", .value), (waiting, .value)] + refusal
                + [(AuthorizationStep.pasteInvitation, .note), ("Esc cancels.", .note)]))
        } else {
            draw()
        }
        if let key = keys.next(waiting: 80) {
            if case let .paste(address) = key, case .authorizing = snapshot.state {
                perform(.answerAuthorization(pasted: address))
            } else if key == .escape {
                stopCheck()
            } else if key == .ctrl("c") {
                stopCheck()
                requestQuit()
            }
        }
        adoptLatest()
    }

    private func stopCheck() {
        awaitingSubmit = false
        perform(.cancelCheck)
        status = ("check cancelled; nothing was saved", .note)
    }

    /// The failed check's message, the fields it concerns marked, and the core's choices, its first
    /// selected. Esc goes back to the form; Ctrl-C goes back and asks to quit.
    func reviewFailure(_ failure: CheckFailure) {
        lastFailure = failure
        let choices = snapshot.choices
        var lines: [(text: String, role: Theme.Role)] = [(theme.problemMark + " " + sentence(failure.message), .problem)]
        lines += failure.hints.map { (sentence($0), .value) }
        if !failure.concernedOptions.isEmpty {
            lines.append(("", .value))
            lines.append(("Marked \(theme.problemMark): " + failure.concernedOptions.joined(separator: ", "), .note))
        }
        let answer = choose(Dialog(title: "The check did not pass", lines: lines, buttons: choices.map(\.label)),
                            shortcuts: choices.map(\.key))
        let chosen: SetupChoice.Kind? = if case let .button(index) = answer { choices[index].kind } else { nil }
        switch chosen {
        case .retry?:
            awaitingSubmit = true
            perform(.submit)
        case .saveUnverified?:
            perform(.saveUnverified)
        case .quit?:
            perform(.cancel)
        case .edit?, .save?, .stopChecking?, .unlock?, nil:
            perform(.edit)
            let concerned = form.fields.first { failure.concernedOptions.contains($0.name) }
            if let concerned { moveFocus(to: .field(concerned.name)) }
            status = (sentence(failure.message), .problem)
            if case .interrupted = answer { requestQuit() }
        }
    }

    /// The protected identity's passphrase, asked in a dialog over the form; a wrong one is said in it.
    /// Esc or Ctrl-C there ends the setup.
    func answerPassphrase() {
        var lines = ["This machine's identity is protected by a passphrase:", TerminalText.sanitized(snapshot.identityPath)]
        if let retry = snapshot.passphraseRetryNote { lines.append(sentence(retry)) }
        guard let passphrase = askLine(title: "Passphrase", lines: lines, secret: true) else {
            return perform(.cancel)
        }
        perform(.unlock(passphrase: passphrase))
    }

    /// The last screen, as the core reads a save: its headline, what the check found, where the
    /// credentials went; any key leaves.
    func showSaved(_ saved: SavedSetup) {
        let check = sentence(saved.checkNote)
        let lines: [(text: String, role: Theme.Role)] = [
            saved.isVerified ? (theme.successMark + " " + check, .success) : (check, .value),
            (sentence(saved.placeNote), .value), ("", .value), ("Press any key to finish.", .note),
        ]
        while true {
            showDialog(Dialog(title: saved.headline, lines: lines))
            if nextKey() != .resize { return }
        }
    }

    /// Core messages are lower case for the `lakeflow-auth: error:` voice; alone in a box they read as
    /// sentences.
    func sentence(_ message: String) -> String {
        message.prefix(1).uppercased() + message.dropFirst()
    }

    /// The spinner's frame for a wait that began at `since`.
    func spinnerFrame(since: ContinuousClock.Instant) -> String {
        theme.spinner[(Self.milliseconds(since: since) / 80) % theme.spinner.count]
    }

    /// The time waited so far, `2.4 s`.
    func elapsed(since: ContinuousClock.Instant) -> String {
        CFormat.string("%.1f s", Double(Self.milliseconds(since: since)) / 1000)
    }

    private static func milliseconds(since: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - since
        return Int(elapsed.components.seconds) * 1000 + Int(elapsed.components.attoseconds / 1_000_000_000_000_000)
    }
}
