import Foundation
import LakeflowAuthCore

/// The line-by-line form: one question a line, in the order of the core's `Form`, which decides every
/// answer, driving the core's `SetupSession`. It draws the form and reads answers; it holds no rule of
/// its own beyond how a menu is answered (by number).
public struct PlainFormSession {
    /// The session's form as of its last answer; the line form checks each answer against it as typed.
    var form: Form
    let session: SetupSession
    let console: LineConsole
    let style: PlainStyle

    /// `snapshot` is the session's after `prefill`: a method may already be chosen, values prefilled.
    public init(session: SetupSession, snapshot: SetupSnapshot, console: LineConsole, style: PlainStyle) {
        self.form = snapshot.form
        self.session = session
        self.console = console
        self.style = style
    }

    /// Asks, checks and saves. Throws `PlainFormError.cancelled` at the end of input and whatever
    /// saving throws.
    public mutating func run() async throws -> SavedSetup {
        let title = TerminalText.sanitized(form.spec.title)
        if form.needsAuthMethod {
            console.write(style.heading("\(title): choose how to authenticate.") + " Ctrl-C quits without saving.\n")
            try await chooseAuthMethod()
            console.write("\n" + style.heading("\(title) with \(TerminalText.sanitized(form.authMethod?.name ?? "")): \(counts).") + "\n")
        } else {
            console.write(style.heading("\(title): \(counts).") + " Ctrl-C quits without saving.\n")
        }
        console.write(style.subdued("Enter keeps the value in [brackets]; - clears an optional value; @FILE reads a value from a file.") + "\n")
        let fields = form.fields
        for (index, option) in fields.enumerated() {
            try await askAndRecord(option, number: index + 1, of: fields.count)
        }
        return try await finish()
    }

    /// Asks for one field and hands the answer to the session, which keeps the form.
    mutating func askAndRecord(_ option: ConnectorOption, number: Int, of total: Int) async throws(PlainFormError) {
        try ask(option, number: number, of: total)
        form = await session.set(option.name, form.values[option.name]).form
    }

    private var counts: String {
        let required = form.fields.filter(\.required).count
        let optional = form.fields.count - required
        return "\(required) required and \(optional) optional " + (optional == 1 ? "option" : "options")
    }

    private mutating func chooseAuthMethod() async throws {
        let methods = form.spec.authMethods
        let nameWidth = methods.map { TerminalText.sanitized($0.name).count }.max() ?? 0
        for (index, method) in methods.enumerated() {
            let name = TerminalText.sanitized(method.name)
            let lead = "  \(index + 1)) " + name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
            let lines = WordWrap.lines(TerminalText.sanitized(method.description), width: max(20, console.width - lead.count - 1))
            console.write(lead + (lines.first ?? "") + "\n")
            for line in lines.dropFirst() { console.write(String(repeating: " ", count: lead.count) + line + "\n") }
        }
        while true {
            guard let answer = try console.ask("Auth method (1-\(methods.count)): ", secret: false) else {
                throw PlainFormError.cancelled
            }
            let trimmed = answer.trimmingCharacters(in: .whitespaces)
            let name = Int(trimmed).flatMap { methods.indices.contains($0 - 1) ? methods[$0 - 1].name : nil } ?? trimmed
            do {
                form = try await session.chooseAuthMethod(name).form
                return
            } catch let error as AuthMethodError {
                console.write(style.problem(trimmed.isEmpty ? "choose a number from 1 to \(methods.count)" : error.message) + "\n")
            }
        }
    }
}
