import Foundation
import LakeflowAuthCore

/// The page for one moment of the setup: the form while editing or after a failed check, what the
/// session asks in the middle of an action (the identity's passphrase, the OAuth step), the result
/// once saved. It only draws the snapshot; what a post does is `FormPost`'s business.
struct FormPage {
    let snapshot: SetupSnapshot
    let csrfToken: String
    /// The passphrase the session waits for, when it does.
    var passphrase: BrowserPrompts.PassphraseQuestion?

    var content: HTML {
        if let passphrase { return passphrasePage(passphrase) }
        if case .checking = snapshot.state, let url = snapshot.authorizationURL { return authorizePage(url) }
        switch snapshot.state {
        case let .saved(saved): return Self.saved(saved)
        case .cancelled: return Self.result(heading: "Cancelled", detail: "Nothing was saved.", path: "", next: "You can close this tab.")
        case .editing, .checking, .checkFailed: return form
        }
    }

    /// Asked before anything leaves the machine; a wrong one is said at the field, and the form's
    /// values wait in the session meanwhile.
    private func passphrasePage(_ question: BrowserPrompts.PassphraseQuestion) -> HTML {
        let wrong = question.attempt > 1
            ? "That passphrase does not open the identity; try again (attempt \(question.attempt) of \(SetupSession.passphraseAttempts))"
            : nil
        return Templates.passphrase.render([
            "title": .text(snapshot.form.spec.title),
            "identity_path": .text(question.identityPath),
            "csrf_token": .text(csrfToken),
            "invalid": .text(wrong == nil ? "false" : "true"),
            "alert": .html(wrong.map { alert(heading: "Wrong passphrase", items: [$0]) } ?? .empty),
            "error": .html(wrong.map { Templates.fieldError.render(["name": .text("passphrase"), "message": .text($0)]) } ?? .empty),
        ])
    }

    /// The OAuth step: a link the person follows in this tab; the provider sends them back here.
    private func authorizePage(_ url: URL) -> HTML {
        Templates.authorize.render([
            "title": .text("Authorize \(snapshot.form.spec.title)"),
            "host": .text(HTTPOrigin(url)?.host ?? "the provider"),
            "url": .text(url.absoluteString),
            "csrf_token": .text(csrfToken),
        ])
    }

    private var form: HTML {
        let spec = snapshot.form.spec
        let failure: CheckFailure? = if case let .checkFailed(failure) = snapshot.state { failure } else { nil }
        let fields = snapshot.form.fieldStates.map { field in
            FieldView(field: field, checkMessage: field.concernedByCheck ? failure?.message : nil)
        }
        return Templates.form.render([
            "title": .text(spec.title),
            "connector": .text(spec.connector),
            "editing_note": .html(snapshot.editingNote.map { Templates.editingNote.render(["note": .text($0)]) } ?? .empty),
            "alert": .html(alert(failure: failure)),
            "csrf_token": .text(csrfToken),
            "method_switch": .html(methodSwitch),
            "required_fields": .html(section("Required", fields.filter { $0.field.option.required })),
            "optional_fields": .html(section("Optional", fields.filter { !$0.field.option.required })),
            "buttons": .html(buttons(failure: failure)),
        ])
    }

    /// Shown only when the spec offers a choice; without script, its button applies the choice.
    private var methodSwitch: HTML {
        let spec = snapshot.form.spec
        guard spec.authMethods.count > 1 else { return .empty }
        let chosen = snapshot.form.authMethod
        var choices: [HTML] = []
        if chosen == nil {
            choices.append(Templates.choice.render(["value": .text(""), "label": .text("choose…"), "selected": .html(.attribute("selected"))]))
        }
        for method in spec.authMethods {
            choices.append(Templates.choice.render([
                "value": .text(method.name), "label": .text(method.name),
                "selected": .html(method.name == chosen?.name ? .attribute("selected") : .empty),
            ]))
        }
        return Templates.methodSwitch.render(["choices": .html(HTML(joining: choices)), "description": .text(chosen?.description ?? "")])
    }

    private func section(_ heading: String, _ fields: [FieldView]) -> HTML {
        guard !fields.isEmpty else { return .empty }
        return Templates.section.render(["heading": .text(heading), "fields": .html(HTML(joining: fields.map(\.html)))])
    }

    /// Announced at once to screen readers (`role="alert"`): what stopped the last submit.
    private func alert(failure: CheckFailure?) -> HTML {
        let items: [String]
        let heading: String
        if let failure {
            heading = "The check did not pass"
            items = [failure.message] + failure.hints
        } else if let invalid = snapshot.invalid {
            heading = "Please correct the marked fields"
            items = invalid.authMethodMissing != nil ? [invalid.message] : invalid.errors.map { $0.message() }
        } else {
            return .empty
        }
        return alert(heading: heading, items: items)
    }

    private func alert(heading: String, items: [String]) -> HTML {
        Templates.alert.render([
            "heading": .text(heading),
            "items": .html(HTML(joining: items.map { Templates.alertItem.render(["text": .text($0)]) })),
        ])
    }

    /// Check and save while editing; after a failed check: retry, back to editing, and keeping the
    /// values unchecked only where the core's one rule allows it.
    private func buttons(failure: CheckFailure?) -> HTML {
        var buttons: [(action: String, label: String, primary: Bool)]
        if let failure {
            buttons = [("submit", "Retry", true), ("edit", "Edit", false)]
            if failure.mayBeSavedUnverified { buttons.append(("save_unverified", "Save unverified", false)) }
        } else {
            buttons = [("submit", "Check and save", true)]
        }
        return HTML(joining: buttons.map { button in
            Templates.button.render(["action": .text(button.action), "label": .text(button.label), "class": .text(button.primary ? "primary" : "")])
        })
    }

    private static func saved(_ saved: SavedSetup) -> HTML {
        let heading: String
        switch saved.check {
        case let .passed(result) where result.isVerified:
            heading = result.identity.map { "Connected as \($0)" } ?? "Connected"
        case .passed, .skipped, .keptDespite:
            heading = "Saved unverified"
        }
        let notice = saved.identityNotice.map { notice in
            Templates.identityNotice.render([
                "message": .text(notice.message),
                "hints": .html(HTML(joining: notice.hints.map { Templates.alertItem.render(["text": .text($0)]) })),
            ])
        }
        return result(heading: heading, detail: saved.probe?.message ?? "The credentials were not checked.",
                      path: "Saved to \(saved.path)", next: "You can close this tab; the command has finished.", notice: notice ?? .empty)
    }

    static func result(heading: String, detail: String, path: String, next: String, notice: HTML = .empty) -> HTML {
        Templates.result.render(["class": .text(heading.hasPrefix("Connected") ? "success" : ""), "heading": .text(heading),
                                 "detail": .text(detail), "path": .text(path), "next": .text(next), "notice": .html(notice)])
    }

    /// The page around any content.
    static func document(title: String, content: HTML, nonce: String) -> HTML {
        Templates.page.render(["title": .text(title), "nonce": .text(nonce), "content": .html(content)])
    }
}
