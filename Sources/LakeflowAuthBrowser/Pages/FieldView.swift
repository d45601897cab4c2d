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
            "description": .text(option.description),
            "optional": option.required ? .html(.empty) : .text(" (optional)"),
            "required": .text(option.required ? "true" : "false"),
            "invalid": .text(problem == nil ? "false" : "true"),
            "error": .html(problem.map { Templates.fieldError.render(["name": .text(option.name), "message": .text($0)]) } ?? .empty),
            // Where the credential is created: the built-in layer's page, opened apart from the form.
            "link": .html(field.hint.link.map { Templates.fieldLink.render(["href": .text($0)]) } ?? .empty),
        ]
        if option.type == .boolean {
            let on = (field.value ?? option.defaultValue)?.lowercased() == "true"
            values["checked"] = .html(on ? .attribute("checked") : .empty)
            return Templates.checkboxField.render(values)
        }
        if !option.choices.isEmpty {
            values["choices"] = .html(choices(for: option))
            return Templates.selectField.render(values)
        }
        values["placeholder"] = .text(placeholder(for: option))
        if option.takesMultipleLines {
            values["class"] = .text(option.secret ? "masked" : "")
            values["value"] = .text(option.secret ? "" : field.value ?? "")
            values["reveal"] = .html(option.secret ? Templates.revealButton.render(values) : .empty)
            return Templates.textAreaField.render(values)
        }
        if option.secret { return Templates.secretField.render(values) }
        values["value"] = .text(field.value ?? "")
        values["inputmode"] = .text(option.type == .integer ? "numeric" : option.type == .number ? "decimal" : option.type == .url ? "url" : "text")
        return Templates.textField.render(values)
    }

    private var problem: String? {
        if let error = field.error { return error.message() }
        return checkMessage
    }

    /// A secret that has a value says so instead of showing it; other fields show their default.
    private func placeholder(for option: ConnectorOption) -> String {
        if option.secret && field.value != nil { return "saved, leave empty to keep" }
        if let defaultValue = option.defaultValue { return defaultValue }
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
