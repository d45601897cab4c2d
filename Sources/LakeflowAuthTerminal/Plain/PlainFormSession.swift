import Foundation
import LakeflowAuthCore

/// The line-by-line form: one question a line, in the order of the core's `Form`, which decides every
/// answer. It draws the form and reads answers; it holds no rule of its own beyond how a menu is
/// answered (by number).
public struct PlainFormSession {
    var form: Form
    let console: LineConsole
    let style: PlainStyle
    let environment: [String: String]
    let actions: PlainFormActions

    /// `form` may already have its auth method chosen (`--auth-method`); `environment` prefills values.
    public init(form: Form, console: LineConsole, style: PlainStyle, environment: [String: String],
                actions: PlainFormActions) {
        self.form = form
        self.console = console
        self.style = style
        self.environment = environment
        self.actions = actions
    }

    /// Asks, checks and saves; returns where the credentials were saved. Throws
    /// `PlainFormError.cancelled` at the end of input and whatever saving throws.
    public mutating func run() async throws -> String {
        let title = TerminalText.sanitized(form.spec.title)
        if form.needsAuthMethod {
            console.write(style.heading("\(title): choose how to authenticate.") + " Ctrl-C quits without saving.\n")
            try chooseAuthMethod()
            console.write("\n" + style.heading("\(title) with \(TerminalText.sanitized(form.authMethod?.name ?? "")): \(counts).") + "\n")
        } else {
            console.write(style.heading("\(title): \(counts).") + " Ctrl-C quits without saving.\n")
        }
        console.write(style.subdued("Enter keeps the value in [brackets]; - clears an optional value; @FILE reads a value from a file.") + "\n")
        try form.fill(from: environment)
        let fields = form.fields
        for (index, option) in fields.enumerated() {
            try ask(option, number: index + 1, of: fields.count)
        }
        return try await finish()
    }

    private var counts: String {
        let required = form.fields.filter(\.required).count
        let optional = form.fields.count - required
        return "\(required) required and \(optional) optional " + (optional == 1 ? "option" : "options")
    }

    private mutating func chooseAuthMethod() throws(PlainFormError) {
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
            guard let answer = try console.ask("Auth method (1-\(methods.count)): ", secret: false) else { throw .cancelled }
            let trimmed = answer.trimmingCharacters(in: .whitespaces)
            let name = Int(trimmed).flatMap { methods.indices.contains($0 - 1) ? methods[$0 - 1].name : nil } ?? trimmed
            do {
                try form.chooseAuthMethod(name)
                return
            } catch {
                console.write(style.problem(trimmed.isEmpty ? "choose a number from 1 to \(methods.count)" : error.message) + "\n")
            }
        }
    }
}
