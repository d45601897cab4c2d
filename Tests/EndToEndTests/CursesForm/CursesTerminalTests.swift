import Foundation
import LakeflowAuthCore
import Testing

/// The full-screen form and the terminal it borrows: sizes, pastes, every way out, and where it steps
/// aside for the line-by-line form.
@Suite(.serialized)
struct CursesTerminalTests {
    @Test func aResizeRedrawsScrollsAndComesBackWithoutLeftovers() async throws {
        let tmux = try TmuxSession(["acme", "--auth-method", "basic", "--no-probe"],
                                   environment: ["ACME_USERNAME": "demo", "ACME_PASSWORD": "pw", "ACME_WORKSPACE": "demo-ws"])
        let wide = try await tmux.waitUntil("the form is drawn with the values") {
            $0.contains("Ctrl-S save") && $0.contains("demo-ws")
        }
        try tmux.resize(columns: 40, rows: 12)
        let small = try await tmux.waitFor("▼ more")
        #expect(small.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { $0.count <= 40 })
        #expect(small.contains("username"))
        try tmux.press("Tab", "Tab", "Tab", "Tab", "Tab")
        // Each Tab draws a frame: the scrolled one to read is the one with the fifth field focused.
        try await tmux.waitUntil("the focused field scrolls into view") { $0.contains("▲ more") && $0.contains("▸ region") }
        try tmux.resize(columns: 30, rows: 10)
        try await tmux.waitFor("terminal too small")
        try tmux.resize(columns: 100, rows: 30)
        try await tmux.waitFor("Ctrl-S save")
        try tmux.press("BTab", "BTab", "BTab", "BTab", "BTab")
        let back = try await tmux.waitUntil("the form is drawn as before") { $0 == wide }
        #expect(!back.contains("more"))
        try tmux.press("Escape")
        #expect(try await tmux.waitForExit() == 130, "nothing was typed, so nothing is asked")
    }

    @Test func cancellingExits130WithNothingStoredAndTheTerminalAsItWas() async throws {
        let tmux = try TmuxSession(["acme", "--auth-method", "api_key", "--no-probe"])
        try await tmux.waitFor("Ctrl-S save")
        try tmux.type("typed-but-not-saved")
        try tmux.press("C-c")
        try await tmux.waitFor("Quit without saving?")
        try tmux.type("y")
        #expect(try await tmux.waitForExit() == 130)
        #expect(tmux.storedFiles.isEmpty)
        let settings = tmux.terminalSettings
        #expect(settings.before == settings.after)
        let shell = try tmux.screen()
        #expect(shell.contains("lakeflow-auth: error: cancelled; nothing was saved"))
        #expect(!shell.contains("Ctrl-S save"), "the alternate screen is left")
    }

    /// Ctrl-C asks before what was typed is lost, and a second Ctrl-C quits; the question speaks of
    /// typing only when something was typed (a method chosen is not typing).
    @Test func ctrlCTwiceQuitsAndTheQuestionSaysWhatWouldBeLost() async throws {
        let typed = try TmuxSession(["acme", "--auth-method", "api_key", "--no-probe"])
        try await typed.waitFor("Ctrl-S save")
        try typed.type("typed-key")
        try typed.press("C-c")
        let asked = try await typed.waitFor("Quit without saving?")
        #expect(asked.contains("What you typed will be lost."))
        try typed.press("C-c")
        #expect(try await typed.waitForExit() == 130)
        #expect(typed.storedFiles.isEmpty)

        let chosen = try TmuxSession(["acme", "--no-probe"])
        try await chosen.waitFor("choose how to authenticate")
        try chosen.press("Right")
        try await chosen.waitFor("◉ api_key")
        try chosen.press("C-c")
        let question = try await chosen.waitFor("Quit without saving?")
        #expect(!question.contains("typed"), "nothing was typed")
        try chosen.press("C-c")
        #expect(try await chosen.waitForExit() == 130)
        #expect(chosen.terminalSettings.before == chosen.terminalSettings.after)
    }

    @Test func escapeWithNothingTypedLeavesAtOnce() async throws {
        let tmux = try TmuxSession(["acme", "--auth-method", "api_key", "--no-probe"])
        try await tmux.waitFor("Ctrl-S save")
        try tmux.press("Escape")
        #expect(try await tmux.waitForExit() == 130)
        #expect(tmux.terminalSettings.before == tmux.terminalSettings.after)
        #expect(try tmux.modes() == .shell)
    }

    @Test(arguments: [SIGTERM, SIGHUP, SIGINT])
    func aSignalMidFormRestoresTheTerminal(signal: Int32) async throws {
        let tmux = try TmuxSession(["acme", "--auth-method", "api_key", "--no-probe"])
        try await tmux.waitFor("Ctrl-S save")
        try tmux.type("half-typed")
        try await tmux.waitFor("••••••••")
        try tmux.signal(signal)
        #expect(try await tmux.waitForExit() == 128 + signal)
        let settings = tmux.terminalSettings
        #expect(settings.before == settings.after)
        #expect(try tmux.modes() == .shell)
        let shell = try await tmux.waitFor("lakeflow-auth: error: cancelled; nothing was saved")
        #expect(!shell.contains("Ctrl-S save"), "the alternate screen is left")
        #expect(try await tmux.pasteIntoTheShell("pasted after") == "pasted after", "bracketed paste is off")
        #expect(tmux.storedFiles.isEmpty)
    }

    /// A crash inside the form, sent from outside here (a fault, a Swift trap or an abort in the form
    /// raises the same signals): the terminal comes back as it was, the runtime's backtrace is still
    /// printed, and the exit status is the signal's.
    @Test(arguments: [SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE])
    func aCrashMidFormRestoresTheTerminalAndEndsWithTheSignal(signal: Int32) async throws {
        let tmux = try TmuxSession(["acme", "--auth-method", "api_key", "--no-probe"],
                                   environment: ["SWIFT_BACKTRACE": "interactive=no,color=no"])
        try await tmux.waitFor("Ctrl-S save")
        try tmux.type("half-typed")
        try tmux.press("BTab")
        try await tmux.waitFor("▸ auth method")
        let form = try tmux.modes()
        #expect(form.alternateScreen && !form.cursorVisible && form.applicationKeys, "the selector has the focus: no cursor")
        try tmux.signal(signal)
        #expect(try await tmux.waitForExit(timeout: .seconds(90)) == 128 + signal)
        let settings = tmux.terminalSettings
        #expect(settings.before == settings.after)
        #expect(try tmux.modes() == .shell, "the alternate screen left, the cursor shown, the keypad as it was")
        #expect(try await tmux.pasteIntoTheShell("pasted after") == "pasted after", "bracketed paste is off")
        #expect(tmux.storedFiles.isEmpty)
    }

    /// A stack overflow on the thread that holds the terminal (the form's thread) leaves no stack for a
    /// handler; the crash handler's alternate stack still gives the terminal back.
    @Test func aStackOverflowWhileHoldingTheTerminalStillRestoresIt() async throws {
        let tmux = try TmuxSession([], environment: ["SWIFT_BACKTRACE": "interactive=no,color=no"],
                                   program: "stack-overflow-while-holding")
        try await tmux.waitFor("holding the terminal")
        #expect(try tmux.modes() == .init(alternateScreen: true, cursorVisible: false, applicationKeys: true))
        try tmux.type("x")
        #expect(try await tmux.waitForExit(timeout: .seconds(90)) == 128 + SIGSEGV)
        let settings = tmux.terminalSettings
        #expect(settings.before == settings.after)
        #expect(try tmux.modes() == .shell)
        #expect(try await tmux.pasteIntoTheShell("pasted after") == "pasted after", "bracketed paste is off")
    }

    @Test func aPastedPEMKeyIsStoredByteForByte() async throws {
        let spec = try Self.keySpec()
        let key = "-----BEGIN PRIVATE KEY-----\n" + (1...40).map { "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\($0)" }.joined(separator: "\n")
            + "\n-----END PRIVATE KEY-----\n"
        let tmux = try TmuxSession(["keyed", "--spec", spec, "--no-probe"])
        try await tmux.waitFor("private_key_pem")
        try tmux.paste(key)
        let pasted = try await tmux.waitFor("pasted 42 lines into private_key_pem")
        #expect(!pasted.contains("MIIEvQ"), "a pasted secret key shows as the one mask")
        #expect(TmuxSession.row(of: pasted, containing: "private_key_pem").contains("••••••••"))
        try await Self.saveKeyedSetup(tmux, expectingKey: key)
    }

    @Test func ctrlOLoadsAValueFromAFile() async throws {
        let spec = try Self.keySpec()
        let tmux = try TmuxSession(["keyed", "--spec", spec, "--no-probe"])
        let key = "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n"
        try key.write(toFile: tmux.folder + "/key.pem", atomically: true, encoding: .utf8)
        try await tmux.waitFor("Ctrl-O load file")
        try tmux.press("C-o")
        try await tmux.waitFor("Load private_key_pem from a file")
        try tmux.type(tmux.folder + "/missing.pem")
        try tmux.press("Enter")
        try await tmux.waitFor("there is no file")
        try tmux.press("C-u")
        try tmux.type(tmux.folder + "/key.pem")
        try tmux.press("Enter")
        try await tmux.waitFor("loaded 3 lines into private_key_pem")
        try await Self.saveKeyedSetup(tmux, expectingKey: String(key.dropLast()), "a file's final line break is not part of the value")
    }

    @Test func accentsCJKAndEmojiKeepTheCursorOnTheirCells() async throws {
        let tmux = try TmuxSession(["acme", "--auth-method", "basic", "--no-probe"])
        try await tmux.waitFor("The Acme user's login name.")
        try tmux.type("José漢字👍x")
        try tmux.press("Left", "Left", "BSpace")
        try tmux.type("é")
        try await tmux.waitFor("José漢é👍x")
        // The label column is 11 cells ("auth method") and the value starts 7 after it: José 4, 漢 2, é 1.
        #expect(try tmux.cursorColumn() == 18 + 7)
        try tmux.press("Escape")
        try await tmux.waitFor("Quit without saving?")
        try tmux.type("y")
        #expect(try await tmux.waitForExit() == 130)
    }

    @Test func aDumbTerminalGetsTheLineByLineForm() async throws {
        let tmux = try TmuxSession(["acme", "--auth-method", "api_key"], environment: ["TERM": "dumb"])
        let screen = try await tmux.waitFor("api_key:")
        #expect(screen.contains("lakeflow-auth: TERM is unset or dumb, so the form asks one question a line"))
        try tmux.press("C-c")
        #expect(try await tmux.waitForExit() == 130)
    }

    @Test func helpListsEveryKeyBinding() async throws {
        let tmux = try TmuxSession(["acme", "--auth-method", "api_key", "--no-probe"])
        try await tmux.waitFor("F1 help")
        try tmux.press("F1")
        let help = try await tmux.waitFor("Keys")
        for line in ["Shift-Tab ↑", "previous field", "Ctrl-W", "delete the word before the cursor", "Ctrl-U",
                     "show or hide the secret; moving on hides it"] {
            #expect(help.contains(line))
        }
        try tmux.press("Enter")
        try await tmux.waitUntil("the help is closed") { !$0.contains("delete the word before the cursor") }
        try tmux.press("Escape")
        #expect(try await tmux.waitForExit() == 130)
    }

    /// Fills the client id after the key, saves, and checks the key was stored byte for byte.
    static func saveKeyedSetup(_ tmux: TmuxSession, expectingKey key: String, _ comment: Comment? = nil) async throws {
        try tmux.press("Tab")
        try tmux.type("client-1")
        try tmux.press("C-s")
        try await tmux.waitFor("Press any key to finish.")
        try tmux.press("Enter")
        #expect(try await tmux.waitForExit() == 0)
        let envelope = try CredentialStore(environment: ["LAKEFLOW_AUTH_HOME": tmux.home]).open("keyed")
        #expect(envelope.options.first { $0.0 == "private_key_pem" }?.1 == .string(key), comment)
    }

    /// A connector with a multi-line key, as FHIR's SMART backend services auth has.
    static func keySpec() throws -> String {
        let path = NSTemporaryDirectory() + "/keyed-\(UUID().uuidString).yaml"
        try """
            display_name: Keyed
            connection:
              parameters:
                - name: private_key_pem
                  type: string
                  required: true
                  secret: true
                  description: RSA private key in PEM format (multiline).
                - name: client_id
                  type: string
                  required: true
                  description: The client's id.
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
