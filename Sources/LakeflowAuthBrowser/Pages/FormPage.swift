import FoundationEssentials
import LakeflowAuthCore

/// The page for one moment of the setup, drawn from its snapshot alone: the form while editing, while
/// checking and after a failed check; what the session asks on the way (the identity's passphrase,
/// the OAuth step); the result once it ends. The buttons are the core's choices, in its order, the
/// first the primary (and first in tree order, so Enter in a field presses it). What a post does is
/// `FormPost`'s business.
struct FormPage {
    let snapshot: SetupSnapshot
    let csrfToken: String

    var content: HTML {
        switch snapshot.state {
        case .needsPassphrase: return passphrasePage
        case let .authorizing(step): return authorizePage(step)
        case let .saved(saved): return Self.saved(saved)
        case .cancelled: return Self.result(heading: "Cancelled", detail: "Nothing was saved.", path: "", next: "You can close this tab.")
        case let .failed(ready as DryRunReady):
            return Self.result(heading: "Dry run", detail: Self.sentence(ready.message) + ".", path: "", next: "You can close this tab.")
        case .failed: return Self.result(heading: "The setup stopped", detail: "Nothing was saved.", path: "", next: "")
        case .editing, .checking, .checkFailed: return form
        }
    }

    /// Asked before anything leaves the machine; a wrong one is said once, at the field (announced to
    /// screen readers there), and the form's values wait in the session meanwhile.
    private var passphrasePage: HTML {
        let wrong = snapshot.passphraseRetryNote.map(Self.sentence)
        return Templates.passphrase.render([
            "title": .text(snapshot.form.spec.title),
            "identity_path": .text(snapshot.identityPath),
            "csrf_token": .text(csrfToken),
            "invalid": .text(wrong == nil ? "false" : "true"),
            "error": .html(wrong.map { Templates.passphraseError.render(["message": .text($0)]) } ?? .empty),
            "buttons": .html(buttons),
        ])
    }

    /// The OAuth step: a link the person follows in this tab; the provider sends them back here.
    private func authorizePage(_ step: AuthorizationStep) -> HTML {
        Templates.authorize.render([
            "title": .text("Authorize \(snapshot.form.spec.title)"),
            "host": .text(step.host),
            "url": .text(step.url.absoluteString),
            "csrf_token": .text(csrfToken),
            "buttons": .html(buttons(primary: false)),
        ])
    }

    private var form: HTML {
        let spec = snapshot.form.spec
        let failure: CheckFailure? = if case let .checkFailed(failure) = snapshot.state { failure } else { nil }
        let fields = snapshot.form.fieldStates.map { field in
            FieldView(field: field, checkMessage: field.concernedByCheck ? failure?.message : nil)
        }
        let checking = snapshot.state.isChecking
        return Templates.form.render([
            "title": .text(spec.title),
            "connector": .text(spec.connector),
            "what_save_does": .text(snapshot.saveChoice.detail),
            "editing_note": .html(snapshot.editingNote.map { Templates.editingNote.render(["note": .text($0)]) } ?? .empty),
            "alert": .html(alert(failure: failure)),
            "csrf_token": .text(csrfToken),
            "method_switch": .html(methodSwitch),
            "required_fields": .html(section("Required", fields.filter { $0.field.option.required && $0.field.control != .oauthEndpoint })),
            "optional_fields": .html(section("Optional", fields.filter { !$0.field.option.required && $0.field.control != .oauthEndpoint })),
            "oauth_fields": .html(section("OAuth endpoints", fields.filter { $0.field.control == .oauthEndpoint })),
            "buttons": .html(buttons),
            "switch_button": .html(snapshot.form.spec.authMethods.count > 1 && !checking ? Templates.switchButton.render([:]) : .empty),
            // Shown while a check runs: by the page's script while the check's own post waits, or as it
            // stands when the page is loaded during one. Never where nothing is checked.
            "checking": .html(snapshot.checkKind == .source
                ? Templates.checking.render(["title": .text(spec.title),
                                             "hidden": .html(checking ? .empty : .attribute("hidden")),
                                             "stop": .html(checking ? .empty : Templates.stopButton.render([:]))])
                : .empty),
        ])
    }

    /// Shown only when the spec offers a choice; without script, the Use this method button (after
    /// the primary one) applies the choice.
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
        return Templates.alert.render([
            "heading": .text(heading),
            "items": .html(HTML(joining: items.map { Templates.alertItem.render(["text": .text($0)]) })),
        ])
    }

    private var buttons: HTML { buttons(primary: true) }

    /// The core's choices as buttons, in its order; the first is the primary one unless something else
    /// on the page is (the Authorize link).
    private func buttons(primary: Bool) -> HTML {
        HTML(joining: snapshot.choices.enumerated().map { index, choice in
            Templates.button.render(["action": .text(Self.action(choice.kind)), "label": .text(choice.label),
                                     "class": .text(primary && index == 0 ? "primary" : "")])
        })
    }

    /// The post action a choice's button sends (`FormPost.Action`).
    static func action(_ kind: SetupChoice.Kind) -> String {
        switch kind {
        case .save, .retry: return FormPost.Action.submit.rawValue
        case .edit: return FormPost.Action.edit.rawValue
        case .saveUnverified: return FormPost.Action.saveUnverified.rawValue
        case .stopChecking: return FormPost.Action.cancelCheck.rawValue
        case .unlock: return FormPost.Action.unlock.rawValue
        case .quit: return FormPost.Action.cancel.rawValue
        }
    }

    /// The core's account of the save, and what it asks to be said after a first save.
    private static func saved(_ saved: SavedSetup) -> HTML {
        let notice = saved.identityNotice.map { notice in
            Templates.identityNotice.render([
                "message": .text(notice.message),
                "hints": .html(HTML(joining: notice.hints.map { Templates.alertItem.render(["text": .text($0)]) })),
            ])
        }
        return result(heading: saved.headline, detail: sentence(saved.checkNote), path: sentence(saved.placeNote),
                      next: "You can close this tab; the command has finished.", notice: notice ?? .empty)
    }

    static func result(heading: String, detail: String, path: String, next: String, notice: HTML = .empty) -> HTML {
        Templates.result.render(["class": .text(heading.hasPrefix("Connected") ? "success" : ""), "heading": .text(heading),
                                 "detail": .text(detail), "path": .text(path), "next": .text(next), "notice": .html(notice)])
    }

    /// Core messages are lower case for the `lakeflow-auth: error:` voice; on a page they read as sentences.
    static func sentence(_ message: String) -> String {
        message.prefix(1).uppercased() + message.dropFirst()
    }

    /// The page around any content.
    static func document(title: String, content: HTML, nonce: String) -> HTML {
        Templates.page.render(["title": .text(title), "nonce": .text(nonce), "content": .html(content)])
    }
}
