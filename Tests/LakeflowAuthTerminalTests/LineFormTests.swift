import Foundation
import LakeflowAuthCore
@testable import LakeflowAuthTerminal
import Testing

/// The line form's answers, through a scripted console and a real session: what Enter, `-`, `@FILE`,
/// a number and a paste mean, the menus the core's choices make, and text wrapped at words.
@Suite(.timeLimit(.minutes(1)))
struct LineFormTests {
    static func run(_ answers: [String], method: String? = "api_key", width: Int = 80, home: TemporaryHome = TemporaryHome(),
                    environment: [String: String] = [:], check: SetupSession.Check? = nil) async throws
        -> (Result<SavedSetup, any Error>, ScriptedConsole, TemporaryHome) {
        var plan = SetupPlan(spec: try ResolvedSpec.builtIn("acme").load(), environment: home.environment.merging(environment) { $1 },
                             authMethod: method, checks: false, opensLinks: false)
        plan.check = check
        let console = ScriptedConsole(width: width, answers: answers)
        var form = await LineForm(session: await plan.session(), console: console, style: LineStyle(colored: false))
        let result: Result<SavedSetup, any Error>
        do { result = .success(try await form.run()) } catch { result = .failure(error) }
        return (result, console, home)
    }

    @Test func answersAreKeptClearedReadFromAFileAndChosenByNumber() async throws {
        let home = TemporaryHome()
        let keyFile = home.file("key.txt", "sk-from-a-file-0001\n")
        let (result, console, _) = try await Self.run(["@" + keyFile, "acme-prod", "-", "2"], home: home)
        let saved = try result.get()
        let stored = try home.store.open("acme")
        #expect(stored.options.first { $0.0 == "api_key" }?.1 == .string("sk-from-a-file-0001"), "a file's last line break is not the value's")
        #expect(stored.options.first { $0.0 == "region" }?.1 == .string("eu"), "2 is the second choice")
        #expect(stored.options.first { $0.0 == "base_url" }?.1 == .string("https://api.acme.example"), "- cleared it: the default applies")
        #expect(console.written.contains("  choices: 1) us  2) eu"))
        #expect(console.prompts.first { $0.prompt.hasPrefix("api_key") }?.secret == true)
        #expect(console.written.contains("Not verified with the source (--no-probe)"))
        #expect(console.written.contains("Saved to \(saved.path)"))
        #expect(!console.written.contains("sk-from-a-file-0001"))
    }

    @Test func linesPastedAtAOneLineQuestionAreRefusedAndAskedAgain() async throws {
        let (result, console, _) = try await Self.run(["one\ntwo", "sk-typed-0001", "acme-prod", "", ""])
        #expect(throws: Never.self) { try result.get() }
        #expect(console.written.contains("api_key takes one line; the pasted lines were not used"))
        #expect(console.discarded == 1, "what was pasted ahead is dropped")
        #expect(console.prompts.filter { $0.prompt.hasPrefix("api_key") }.count == 2)
    }

    @Test func aRefusedValueIsSaidAndAskedAgain() async throws {
        let (result, console, _) = try await Self.run(["sk-0001", "Not A Workspace", "acme-prod", "", ""])
        #expect(throws: Never.self) { try result.get() }
        #expect(console.written.contains("workspace must match ^[a-z0-9-]{3,40}$ (for example: acme-prod)"))
    }

    @Test func theEndOfInputCancelsWithNothingSaved() async throws {
        let (result, _, home) = try await Self.run(["sk-0001"])
        #expect(throws: SetupCancelled.byPerson) { try result.get() }
        #expect(!home.store.hasStored("acme"))
    }

    /// The menu after a failed check is the core's choices, by number, the first on Enter.
    @Test func aFailedCheckOffersTheCoresChoicesAndQuitKeepsItsStatus() async throws {
        let rejected: SetupSession.Check = { _ in ProbeResult(outcome: .rejected, source: "Acme", status: 401, concernedOptions: ["api_key"]) }
        let (result, console, home) = try await Self.run(["sk-0001", "acme-prod", "", "", "4"], check: rejected)
        #expect(console.written.contains("  1) Retry  2) Edit  3) Save unverified  4) Quit\n"))
        #expect(console.prompts.last?.prompt == "What now (1-4) [1]: ")
        let error = #expect(throws: SetupCancelled.self) { try result.get() }
        #expect(error?.exitStatus == .rejected)
        #expect(!home.store.hasStored("acme"))
    }

    /// Stored credentials choose the method, but the person is asked: Enter keeps it.
    @Test func theStoredMethodIsAskedWithItAsTheDefault() async throws {
        let home = TemporaryHome()
        let spec = try ResolvedSpec.builtIn("acme").load()
        let credentials = Credentials(connector: "acme", authMethod: "basic", values: [
            ("username", .string("demo")), ("password", .string("demo-password")), ("workspace", .string("acme-prod")),
        ])
        _ = try home.store.save(CredentialEnvelope(credentials: credentials, spec: spec, probe: nil), identity: home.store.keeper.load())
        let (result, console, _) = try await Self.run(["", "", "", "", "", ""], method: nil, home: home)
        #expect(throws: Never.self) { try result.get() }
        #expect(console.prompts.first?.prompt == "Auth method (1-2) [2]: ")
        #expect(console.prompts.contains { $0.prompt == "password [••••••••]: " })
        #expect(try home.store.open("acme").authMethod == "basic")
    }

    /// Hints wrap at words to the terminal's width: never "fi" at one line's end and "le" at the next's.
    @Test func hintsWrapAtWordBoundaries() async throws {
        let (_, console, _) = try await Self.run([], width: 40)
        let lines = console.lines.filter { !$0.hasSuffix(": ") && !$0.contains("[1/") && !$0.contains("Ctrl-C quits") }
        #expect(lines.allSatisfy { $0.count <= 40 }, "\(lines.filter { $0.count > 40 })")
        let words = console.written.split(whereSeparator: \.isWhitespace).map(String.init)
        #expect(words.contains("file."))
        #expect(!words.contains("fi") && !words.contains("le."))
    }
}
