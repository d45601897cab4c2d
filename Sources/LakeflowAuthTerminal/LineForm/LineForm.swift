import FoundationEssentials
import LakeflowAuthCore

/// The line-by-line form: one question a line, in the order of the core's `Form`, sending each answer
/// to the `SetupSession` and reading back its snapshot, which decides everything. It holds no rule of
/// its own beyond how a menu is answered (by number).
public struct LineForm {
    /// The session's latest snapshot, as this form last read it.
    var snapshot: SetupSnapshot
    let session: SetupSession
    let console: LineConsole
    let style: LineStyle

    var form: Form { snapshot.form }

    /// `session` as the setup plan started it: a method may already be chosen, values prefilled.
    public init(session: SetupSession, console: LineConsole, style: LineStyle) async {
        snapshot = await session.snapshot
        self.session = session
        self.console = console
        self.style = style
    }

    /// Asks, checks and saves. Throws `SetupCancelled` when the person leaves (Ctrl-C is a signal, the
    /// end of input is this), what stopped the session, and `LineFormError` when the terminal fails.
    public mutating func run() async throws -> SavedSetup {
        do {
            return try await askAndFinish()
        } catch let cancelled as SetupCancelled {
            snapshot = await session.cancel()
            throw cancelled
        }
    }

    private mutating func askAndFinish() async throws -> SavedSetup {
        try await answerQuestions()
        let title = TerminalText.sanitized(form.spec.title)
        if asksForAuthMethod {
            console.write(style.heading("\(title): choose how to authenticate.") + " Ctrl-C quits without saving.\n")
            try await chooseAuthMethod()
            console.write("\n" + style.heading("\(title) with \(TerminalText.sanitized(form.authMethod?.name ?? "")): \(counts).") + "\n")
        } else {
            console.write(style.heading("\(title): \(counts).") + " Ctrl-C quits without saving.\n")
        }
        writeWrapped("Enter keeps the value in [brackets]; - clears an optional value; @FILE reads a value from a file.", style.subdued)
        let fields = form.fields
        for (index, option) in fields.enumerated() {
            try await askAndRecord(option, number: index + 1, of: fields.count)
        }
        return try await finish()
    }

    /// A method is asked for when none is chosen, and when the stored credentials chose it: the person
    /// confirms it (Enter) or picks another. One given on the command line or by env var is not asked.
    private var asksForAuthMethod: Bool {
        !form.asksOnlyForSecrets && form.spec.authMethods.count > 1 && (form.authMethod == nil || form.authMethodOrigin == .stored)
    }

    /// Asks for one field and hands the answer to the session, which keeps the form.
    mutating func askAndRecord(_ option: ConnectorOption, number: Int, of total: Int) async throws {
        let value = try ask(option, number: number, of: total)
        snapshot = await session.set(option.name, value)
    }

    /// Answers what the session asks on its own (the identity's passphrase) until it waits for the
    /// form or has ended; throws how it ended, if it did.
    mutating func answerQuestions() async throws {
        while true {
            switch snapshot.state {
            case .needsPassphrase:
                try await askPassphrase()
            case let .failed(error):
                throw error
            case let .cancelled(reason):
                throw reason
            case .editing, .checking, .authorizing, .checkFailed, .saved:
                return
            }
        }
    }

    /// The identity's passphrase, not echoed; the wrong one said once, before the next try.
    mutating func askPassphrase() async throws {
        if let retry = snapshot.passphraseRetryNote { console.write(style.problem(sentence(retry)) + "\n") }
        guard let passphrase = try console.ask("Passphrase for \(TerminalText.sanitized(snapshot.identityPath)): ", secret: true) else {
            throw SetupCancelled.byPerson
        }
        snapshot = await session.unlock(passphrase)
    }

    /// Writes `text` wrapped at word boundaries to the terminal's width, indented by two.
    func writeWrapped(_ text: String, _ paint: (String) -> String = { $0 }) {
        for line in WordWrap.lines(text, width: max(20, console.width - 3)) {
            console.write(paint("  " + line) + "\n")
        }
    }

    /// Core messages are lower case for the `lakeflow-auth: error:` voice; on their own line they read
    /// as sentences. They may quote a server or a file, so they pass the terminal sanitizer.
    func sentence(_ message: String) -> String {
        TerminalText.sanitizedLines(message.prefix(1).uppercased() + message.dropFirst())
    }

    private var counts: String {
        let required = form.fieldStates.filter(\.isRequired).count
        let optional = form.fieldStates.count - required
        return "\(required) required and \(optional) optional " + (optional == 1 ? "option" : "options")
    }

    /// The methods by number; Enter keeps the one already chosen (the stored one), if any.
    private mutating func chooseAuthMethod() async throws {
        let methods = form.spec.authMethods
        let nameWidth = methods.map { TerminalText.sanitized($0.name).count }.max() ?? 0
        for (index, method) in methods.enumerated() {
            let name = TerminalText.sanitized(method.name)
            let lead = "  \(index + 1)) " + name.padded(toLength: nameWidth) + "  "
            let lines = WordWrap.lines(TerminalText.sanitized(method.description), width: max(20, console.width - lead.count - 1))
            console.write(lead + (lines.first ?? "") + "\n")
            for line in lines.dropFirst() { console.write(String(repeating: " ", count: lead.count) + line + "\n") }
        }
        let kept = form.authMethod.flatMap { chosen in methods.firstIndex { $0.name == chosen.name } }
        while true {
            guard let answer = try console.ask("Auth method (1-\(methods.count))" + (kept.map { " [\($0 + 1)]" } ?? "") + ": ",
                                               secret: false) else {
                throw SetupCancelled.byPerson
            }
            let trimmed = answer.trimmingSpaces
            if trimmed.isEmpty, kept != nil { return }
            let name = Int(trimmed).flatMap { methods.indices.contains($0 - 1) ? methods[$0 - 1].name : nil } ?? trimmed
            do {
                snapshot = try await session.chooseAuthMethod(name)
                return
            } catch {
                console.write(style.problem(trimmed.isEmpty ? "choose a number from 1 to \(methods.count)" : error.message) + "\n")
            }
        }
    }
}
