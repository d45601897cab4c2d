/// Every template of the browser form, parsed once from the files compiled into the binary.
enum Templates {
    static let page = Template(name: "page", bytes: PackageResources.page_html)
    static let form = Template(name: "form", bytes: PackageResources.form_html)
    static let editingNote = Template(name: "editing-note", bytes: PackageResources.editing_note_html)
    static let methodSwitch = Template(name: "method-switch", bytes: PackageResources.method_switch_html)
    static let choice = Template(name: "choice", bytes: PackageResources.choice_html)
    static let section = Template(name: "section", bytes: PackageResources.section_html)
    static let textField = Template(name: "field-text", bytes: PackageResources.field_text_html)
    static let secretField = Template(name: "field-secret", bytes: PackageResources.field_secret_html)
    static let textAreaField = Template(name: "field-textarea", bytes: PackageResources.field_textarea_html)
    static let revealButton = Template(name: "reveal-button", bytes: PackageResources.reveal_button_html)
    static let selectField = Template(name: "field-select", bytes: PackageResources.field_select_html)
    static let checkboxField = Template(name: "field-checkbox", bytes: PackageResources.field_checkbox_html)
    static let fieldError = Template(name: "field-error", bytes: PackageResources.field_error_html)
    static let alert = Template(name: "alert", bytes: PackageResources.alert_html)
    static let alertItem = Template(name: "alert-item", bytes: PackageResources.alert_item_html)
    static let button = Template(name: "button", bytes: PackageResources.button_html)
    static let result = Template(name: "result", bytes: PackageResources.result_html)

    static let all = [page, form, editingNote, methodSwitch, choice, section, textField, secretField, textAreaField,
                      revealButton, selectField, checkboxField, fieldError, alert, alertItem, button, result]
}
