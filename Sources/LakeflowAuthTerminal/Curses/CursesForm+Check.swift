import CNCurses
import Foundation
import LakeflowAuthCore

extension CursesForm {
    /// Ctrl-S or Save: the core validates, checks and saves. An invalid form sends the focus to the
    /// first wrong field; a failed check offers edit, retry, save unverified or quit.
    func submit() throws -> SavedSetup? {
        leaveFocused()
        checkStarted = .now
        defer {
            checkStarted = nil
            bridge.clearAuthorizationLink()
        }
        snapshot = try perform(onTick: watchCheck) { try await $0.submit() }
        checkStarted = nil
        bridge.clearAuthorizationLink()
        switch snapshot.state {
        case .editing:
            if let invalid = snapshot.invalid {
                if let first = invalid.errors.first(where: { form.field($0.option) != nil }) {
                    moveFocus(to: .field(first.option))
                    let count = invalid.errors.count
                    status = (count == 1 ? "1 field needs attention" : "\(count) fields need attention", .problem)
                } else {
                    moveFocus(to: form.needsAuthMethod ? .authMethod : focus)
                    status = (invalid.message, .problem)
                }
            } else {
                status = ("check cancelled; nothing was saved", .note)
            }
            return nil
        case let .checkFailed(failure):
            lastFailure = failure
            return try reviewFailure(failure)
        case let .saved(saved):
            showSaved(saved)
            return saved
        case .checking, .cancelled:
            return nil
        }
    }

    /// While the check runs: the spinner and the time, and Esc to stop it; an OAuth step's link in a box
    /// of its own, whole, for the person to open (or to open again, when a browser was opened on it).
    private func watchCheck() {
        if let link = bridge.authorizationLink {
            // A link has no spaces to wrap at: it is cut into rows the box can hold.
            let text = Array(link.url.absoluteString)
            let rows = stride(from: 0, to: text.count, by: 64).map { String(text[$0..<min($0 + 64, text.count)]) }
            let lead = link.opened == nil
                ? "Open this link in a browser and allow access; the form goes on by itself:"
                : "The link was opened in your browser: allow access there and the form goes on by itself. If no browser came up, open this link:"
            let waiting = checkProgress.map { "\($0.frame) Waiting for the authorization… \($0.elapsed)" } ?? ""
            showDialog(Dialog(title: "Authorize \(TerminalText.sanitized(form.spec.title))", lines:
                [(lead, .value), ("", .value)] + rows.map { ($0, .value) }
                + [("", .value), (waiting, .value), ("Esc cancels.", .note)]))
        } else {
            draw()
        }
        while let key = keys.next(waiting: 0) {
            if KeyBinding.command(for: key) == .cancel {
                let session = bridge.session!
                Task { _ = await session.cancelCheck() }
            }
        }
    }

    /// The failed check's message, the fields it concerns marked, and what may be done next.
    private func reviewFailure(_ failure: CheckFailure) throws -> SavedSetup? {
        var choices: [(button: String, shortcut: Character)] = [("Edit", "e"), ("Retry", "r")]
        if failure.mayBeSavedUnverified { choices.append(("Save unverified", "s")) }
        choices.append(("Quit", "q"))
        var lines: [(text: String, role: Theme.Role)] = [(theme.problemMark + " " + sentence(failure.message), .problem)]
        lines += failure.hints.map { (sentence($0), .value) }
        if !failure.concernedOptions.isEmpty {
            lines.append(("", .value))
            lines.append(("Marked \(theme.problemMark): " + failure.concernedOptions.joined(separator: ", "), .note))
        }
        let chosen = choose(Dialog(title: "The check did not pass", lines: lines, buttons: choices.map(\.button)),
                            shortcuts: choices.map(\.shortcut))
        switch chosen.map({ choices[$0].button }) {
        case "Retry":
            return try submit()
        case "Save unverified":
            snapshot = try perform { try await $0.saveUnverified() }
            guard case let .saved(saved) = snapshot.state else { return nil }
            showSaved(saved)
            return saved
        case "Quit":
            _ = try? perform { await $0.cancel() }
            throw PlainFormError.notSaved(reason: failure.message, exitStatus: failure.exitStatus)
        default:
            snapshot = try perform { await $0.edit() }
            let concerned = form.fields.first { failure.concernedOptions.contains($0.name) }
            if let concerned { moveFocus(to: .field(concerned.name)) }
            status = (sentence(failure.message), .problem)
            return nil
        }
    }

    /// The last screen: who the source says we are, where the credentials went; any key leaves.
    private func showSaved(_ saved: SavedSetup) {
        var lines: [(text: String, role: Theme.Role)] = []
        switch saved.check {
        case let .passed(result) where result.isVerified:
            lines.append((theme.successMark + " " + sentence(result.message), .success))
        case let .passed(result):
            lines.append((sentence(result.message), .value))
        case .skipped:
            lines.append(("Not checked (--no-probe).", .value))
        case let .keptDespite(failure):
            lines.append(("Saved without a passing check: " + failure.message, .value))
        }
        lines.append(("Saved to " + saved.path, .value))
        lines.append(("", .value))
        lines.append(("Press any key to finish.", .note))
        while true {
            showDialog(Dialog(title: "Saved", lines: lines))
            if nextKey() != .resize { return }
        }
    }

    /// Core messages are lower case for the `lakeflow-auth: error:` voice; alone in a box they read as
    /// sentences.
    func sentence(_ message: String) -> String {
        message.prefix(1).uppercased() + message.dropFirst()
    }
}
