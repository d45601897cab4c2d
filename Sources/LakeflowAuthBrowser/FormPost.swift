/// A post of the form, read as the action its button asked for and the values it carried.
struct FormPost {
    enum Action: String {
        case submit
        /// Choose another auth method without checking anything (the switch's button, or its script).
        case switchMethod = "switch"
        case edit
        case saveUnverified = "save_unverified"
        /// Stop the check in flight (the page's script posts it while the check's own post waits).
        case cancelCheck = "cancel_check"
        /// The identity's passphrase, from the page that asks for it.
        case unlock
        case cancel
    }

    let action: Action
    let authMethod: String?
    /// By option name; for a name posted twice (a checkbox after its hidden "false") the last wins.
    let values: [String: String]
    /// The identity's passphrase, in an `unlock` post only (an option may be named `passphrase` too).
    let identityPassphrase: String?

    /// Nil when the post names an action no button has.
    init?(fields: [(name: String, value: String)]) {
        var values: [String: String] = [:]
        var action = Action.submit
        var authMethod: String?
        for (name, value) in fields {
            switch name {
            case "csrf_token": continue
            case "action":
                guard let chosen = Action(rawValue: value) else { return nil }
                action = chosen
            case "auth_method": authMethod = value.isEmpty ? nil : value
            default: values[name] = value
            }
        }
        self.action = action
        self.authMethod = authMethod
        identityPassphrase = action == .unlock ? values.removeValue(forKey: "passphrase") : nil
        self.values = values
    }
}
