/// An action sent to a session with `SetupSession.send(_:)`, by a front end that is not itself async
/// (the full-screen form, on a thread of its own). Each is the session method of the same name.
public enum SetupAction: Sendable {
    case set(option: String, value: String?)
    case leave(option: String)
    case chooseAuthMethod(String)
    case submit
    case edit
    case saveUnverified
    case unlock(passphrase: String)
    case answerAuthorization(pasted: String)
    case cancelCheck
    case cancel
}
