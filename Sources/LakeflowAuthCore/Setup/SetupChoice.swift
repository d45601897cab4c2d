/// One thing the person may do next, in the core's words: every front end lists the snapshot's
/// choices in their order (the first is the default: the page's primary button, the dialog's
/// selected one, the menu's Enter) and with their labels, so none offers what another does not.
public struct SetupChoice: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Submit the form: check (unless `--no-probe`), then save.
        case save
        /// Submit the same form again after a failed check.
        case retry
        /// Back to the form after a failed check.
        case edit
        /// Keep values whose check did not pass, where the one rule allows it.
        case saveUnverified
        /// Stop the check under way and go back to the form.
        case stopChecking
        /// Open the identity with the passphrase typed.
        case unlock
        /// Leave without saving.
        case quit
    }

    public let kind: Kind
    /// "Check and save", "Retry": a button's text, a menu's entry.
    public let label: String
    /// What it does, for a hint beside it: "check with Acme, then save encrypted on this machine".
    public let detail: String

    /// The letter that picks it where a letter does (a dialog's shortcut): the label's first.
    public var key: Character { Character(label.prefix(1).lowercased()) }
}

extension SetupSnapshot {
    /// What the person may do now, the default first; none once the setup is over.
    public var choices: [SetupChoice] {
        let title = TerminalText.sanitized(form.spec.title)
        let quit = SetupChoice(kind: .quit, label: "Quit", detail: "leave without saving")
        switch state {
        case .editing:
            return [saveChoice, quit]
        case .needsPassphrase:
            return [SetupChoice(kind: .unlock, label: "Unlock", detail: "open this machine's identity with its passphrase"), quit]
        case .checking, .authorizing:
            return [SetupChoice(kind: .stopChecking, label: "Stop checking", detail: "stop and go back to the form"), quit]
        case let .checkFailed(failure):
            var choices = [SetupChoice(kind: .retry, label: "Retry", detail: "check with \(title) again"),
                           SetupChoice(kind: .edit, label: "Edit", detail: "go back to the form and change values")]
            if failure.mayBeSavedUnverified {
                choices.append(SetupChoice(kind: .saveUnverified, label: "Save unverified",
                                           detail: "save encrypted on this machine although the check did not pass"))
            }
            return choices + [quit]
        case .saved, .cancelled, .failed:
            return []
        }
    }

    /// Submitting the form, as the session will do it: with a check, without one (`--no-probe`), or
    /// with the one a spec that declares none can give (no answer from the source). A front end that
    /// shows its Save button in every state (the full-screen form) names it so.
    public var saveChoice: SetupChoice {
        let title = TerminalText.sanitized(form.spec.title)
        if let signIn = form.pendingSignIn {
            return SetupChoice(kind: .save, label: "Sign in and save",
                               detail: TerminalText.sanitized(signIn.label) + " for a refresh token, then save encrypted on this machine")
        }
        switch checkKind {
        case .source:
            return SetupChoice(kind: .save, label: "Check and save", detail: "check with \(title), then save encrypted on this machine")
        case .noneDeclared:
            return SetupChoice(kind: .save, label: "Save", detail: "save encrypted on this machine; \(title) declares no way to verify it")
        case .skipped:
            return SetupChoice(kind: .save, label: "Save", detail: "save encrypted on this machine, unverified (--no-probe)")
        }
    }
}
