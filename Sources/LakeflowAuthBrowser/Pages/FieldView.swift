import LakeflowAuthCore

/// One field of the form as markup: the control its option calls for, its label and description, its
/// value (never a secret's), and its error where screen readers find it.
struct FieldView {
    let field: FieldState
    /// The failed check's message, when it names this field.
    let checkMessage: String?

    var html: HTML {
        let option = field.option
        var values: [String: Template.Value] = [
            "name": .text(option.name),
            "label": .text(option.name),
            "optional": field.signIn != nil ? .text(" (or leave empty to sign in)") : option.required ? .html(.empty) : .text(" (optional)"),
            "description": .text([option.description, field.signIn?.note].compactMap { $0 }.joined(separator: " ")),
            "required": .text(field.isRequired ? "true" : "false"),
            "invalid": .text(problem == nil ? "false" : "true"),
            "error": .html(problem.map { Templates.fieldError.render(["name": .text(option.name), "message": .text($0)]) } ?? .empty),
            // Where the credential is created: the built-in layer's page, opened apart from the form.
            "link": .html(field.hint.link.map { Templates.fieldLink.render(["href": .text($0)]) } ?? .empty),
        ]
        switch field.control {
        case .toggle:
            let on = (field.value ?? option.defaultValue).map { ValueRules.parse($0, for: option) } == .success(.bool(true))
            values["checked"] = .html(on ? .attribute("checked") : .empty)
            return Templates.checkboxField.render(values)
        case .choice:
            values["choices"] = .html(choices(for: option))
            return Templates.selectField.render(values)
        case let .lines(secret):
            values["placeholder"] = .text(placeholder(for: option))
            values["class"] = .text(secret ? "masked" : "")
            values["value"] = .text(secret ? "" : field.value ?? "")
            values["reveal"] = .html(secret ? Templates.revealButton.render(values) : .empty)
            return Templates.textAreaField.render(values)
        case .secret:
            values["placeholder"] = .text(placeholder(for: option))
            return Templates.secretField.render(values)
        case .line, .oauthEndpoint:
            values["placeholder"] = .text(placeholder(for: option))
            values["value"] = .text(field.value ?? "")
            values["inputmode"] = .text(option.type == .integer ? "numeric" : option.type == .number ? "decimal" : option.type == .url ? "url" : "text")
            return Templates.textField.render(values)
        }
    }

    private var problem: String? {
        if let error = field.error { return error.message() }
        return checkMessage
    }

    /// A hidden value is never sent back: its field says where the value it keeps came from ("kept from
    /// before" only of one that was stored). Other fields show their default, or an example.
    private func placeholder(for option: ConnectorOption) -> String {
        if field.control.hidesValue, let origin = field.origin {
            switch origin {
            case .stored: return "kept from before, leave empty to keep"
            case .environment: return "set from \(option.envVar), leave empty to keep"
            case .typed: return "kept as entered, leave empty to keep"
            }
        }
        if let defaultValue = option.defaultValue { return defaultValue }
        if let signIn = field.signIn { return signIn.whenEmpty }
        return option.example.map { "e.g. \($0)" } ?? ""
    }

    /// The choices, the current one selected; an optional field without a value may stay unset.
    private func choices(for option: ConnectorOption) -> HTML {
        let current = field.value ?? option.defaultValue
        var items: [HTML] = []
        if current == nil {
            items.append(Templates.choice.render(["value": .text(""), "label": .text("choose…"), "selected": .html(.attribute("selected"))]))
        }
        for choice in option.choices {
            items.append(Templates.choice.render([
                "value": .text(choice), "label": .text(choice),
                "selected": .html(choice == current ? .attribute("selected") : .empty),
            ]))
        }
        return HTML(joining: items)
    }
}
