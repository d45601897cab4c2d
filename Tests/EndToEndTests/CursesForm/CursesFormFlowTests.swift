import AcmeSandbox
import Foundation
import LakeflowAuthCore
import Testing

/// `lakeflow-auth acme` in the full-screen form, driven in tmux from the first key to the saved file.
@Suite(.serialized)
struct CursesFormFlowTests {
    static let demoKey = "acme-demo-key-0001"

    @Test func apiKeyFlowSavesAFileTheAgeToolOpens() async throws {
        let sandbox = AcmeSandboxServer(configuration: .demo)
        let url = try await sandbox.start()
        defer { Task { await sandbox.stop() } }
        let tmux = try TmuxSession(["acme", "--auth-method", "api_key"], environment: ["ACME_BASE_URL": url.absoluteString])

        let first = try await tmux.waitFor("Ctrl-S save")
        #expect(first.contains(" Acme "))
        #expect(first.contains("The API key, shown once when it is created."), "the focused field's description shows")
        #expect(first.contains("◉ api_key  ○ basic"), "--auth-method chooses in the selector")
        try tmux.type(Self.demoKey)
        try tmux.press("Tab")
        try tmux.type("demo-workspace")
        try tmux.press("Tab")
        try await tmux.waitFor("env var ACME_BASE_URL")
        try tmux.press("C-s")
        let saved = try await tmux.waitFor("Press any key to finish.")
        #expect(saved.contains("✓ Connected to Acme as Demo Analyst"))
        #expect(saved.contains("Saved to \(tmux.home)/credentials/acme.age"))
        try tmux.press("Enter")
        #expect(try await tmux.waitForExit() == 0)

        let envelope = try tmux.decryptWithAge("acme")
        #expect(envelope.contains(#""api_key":"\#(Self.demoKey)""#))
        #expect(envelope.contains(#""workspace":"demo-workspace""#))
        #expect(envelope.contains(#""region":"us""#), "the default applies to a field left alone")
        let after = try tmux.screen()
        #expect(after.contains("connected to Acme as Demo Analyst"), "the summary stays in the shell after the form")
        #expect(after.contains("lakeflow-auth: created \(tmux.home)/identity.txt, this machine's identity"),
                "the first save says what the identity is, where it stays after the form")
        #expect(!after.contains(Self.demoKey))
    }

    @Test func basicFlowChoosesTheMethodAndARegionWithTheSelectors() async throws {
        let sandbox = AcmeSandboxServer(configuration: .demo)
        let url = try await sandbox.start()
        defer { Task { await sandbox.stop() } }
        let tmux = try TmuxSession(["acme"], environment: ["ACME_BASE_URL": url.absoluteString])

        try await tmux.waitFor("choose how to authenticate")
        try tmux.press("Right", "Right")
        try await tmux.waitFor("◉ basic")
        try tmux.press("Tab")
        try await tmux.waitFor("The Acme user's login name.")
        try tmux.type("demo")
        try tmux.press("Tab")
        try tmux.type("demo-password")
        try tmux.press("Tab")
        try tmux.type("demo-workspace")
        try tmux.press("Tab", "Tab")
        try await tmux.waitFor("Where the workspace's data is hosted.")
        try tmux.press("Right")
        try await tmux.waitFor("◉ eu")
        try tmux.press("Tab")
        try await tmux.waitFor("Check with Acme, then save encrypted on this machine")
        try tmux.press("Enter")
        try await tmux.waitFor("Press any key to finish.")
        try tmux.press("q")
        #expect(try await tmux.waitForExit() == 0)

        let envelope = try tmux.decryptWithAge("acme")
        #expect(envelope.contains(#""auth_method":"basic""#))
        #expect(envelope.contains(#""username":"demo","password":"demo-password""#))
        #expect(envelope.contains(#""region":"eu""#))
    }

    /// An auth method's description runs to several lines: the help area grows to show the focused one
    /// whole, rather than cutting it with "…".
    @Test func theFocusedMethodsDescriptionShowsWhole() async throws {
        let description = (1...8).map { "Sentence \($0) of a long description that says how this method signs its requests." }
            .joined(separator: " ") + " The last words are here."
        let path = NSTemporaryDirectory() + "/described-\(UUID().uuidString).yaml"
        try """
            display_name: Described
            connection:
              auth_methods:
                - name: signed
                  description: \(description)
                  parameters:
                    - name: key_id
                      required: true
                - name: plain
                  description: A short one.
                  parameters:
                    - name: token
                      required: true
            """.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let tmux = try TmuxSession(["described", "--spec", path, "--auth-method", "signed", "--no-probe"])
        try await tmux.waitFor("▸ key_id")
        try tmux.press("BTab")
        let screen = try await tmux.waitFor("▸ auth method")
        let words = screen.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("signed: " + description), "\(screen)")
        #expect(!screen.contains("here. …") && !screen.contains("requests. …"))
        try tmux.press("Escape")
        #expect(try await tmux.waitForExit() == 130)
    }

    @Test func aValidationErrorShowsWhenTheFieldIsLeftAndGoesWhenFixed() async throws {
        let tmux = try TmuxSession(["acme", "--auth-method", "api_key", "--no-probe"])
        try await tmux.waitFor("Ctrl-S save")
        try tmux.press("Tab")
        try tmux.type("Not A Workspace")
        #expect(!(try tmux.screen()).contains("workspace must match"), "no message while typing")
        try tmux.press("Tab")
        try await tmux.waitFor("✗ workspace must match ^[a-z0-9-]{3,40}$ (for example: acme-prod)")
        try tmux.press("BTab", "C-u")
        try tmux.type("acme-prod")
        try tmux.press("Tab")
        try await tmux.waitUntil("the message is gone") { !$0.contains("workspace must match") && $0.contains("acme-prod") }

        try tmux.press("C-s")
        let refused = try await tmux.waitFor("1 field needs attention")
        #expect(refused.contains("✗ api_key is required"), "Save checks every field and says what is wrong")
        #expect(refused.contains("▸ api_key"), "and moves the focus to the first wrong field")
        #expect(tmux.storedFiles.isEmpty)
        try tmux.press("Escape")
        try await tmux.waitFor("Quit without saving?")
        try tmux.type("y")
        #expect(try await tmux.waitForExit() == 130)
    }

    @Test func aSecretShowsOnlyFromOneCtrlRToTheNextOrUntilTheFocusMoves() async throws {
        let tmux = try TmuxSession(["acme", "--auth-method", "api_key", "--no-probe"])
        try await tmux.waitFor("Ctrl-R show/hide")
        try tmux.type("sk-very-secret-0123")
        let masked = try await tmux.waitUntil("the one mask, as wide whatever was typed") {
            $0.contains("▸ api_key") && TmuxSession.row(of: $0, containing: "▸ api_key").contains(" ••••••••")
                && !TmuxSession.row(of: $0, containing: "▸ api_key").contains("•••••••••")
        }
        #expect(!masked.contains("sk-very-secret-0123"))
        try tmux.press("C-r")
        try await tmux.waitFor("sk-very-secret-0123")
        try tmux.press("C-r")
        let hidden = try await tmux.waitUntil("a second Ctrl-R hides the secret") { !$0.contains("sk-very-secret") }
        #expect(hidden.contains("••••••••"))
        try tmux.press("C-r")
        try await tmux.waitFor("sk-very-secret-0123")
        try tmux.press("Tab")
        let away = try await tmux.waitUntil("the secret is masked again") { !$0.contains("sk-very-secret") }
        // 19 characters: too short to show a tail.
        let field = TmuxSession.row(of: away, containing: "   api_key ")
        #expect(field.contains("••••••••") && !field.contains("0123"), "at rest, the core's mask")
        try tmux.press("Escape")
        try await tmux.waitFor("Quit without saving?")
        try tmux.press("Enter")
        try await tmux.waitUntil("the dialog is gone") { !$0.contains("Quit without saving?") }
        try tmux.press("Escape")
        try await tmux.waitFor("Quit without saving?")
        try tmux.type("y")
        #expect(try await tmux.waitForExit() == 130)
    }

    @Test func aFailedCheckMarksTheKeyAndAnEditedRetrySucceeds() async throws {
        let sandbox = AcmeSandboxServer(configuration: .demo)
        let url = try await sandbox.start()
        defer { Task { await sandbox.stop() } }
        let tmux = try TmuxSession(["acme", "--auth-method", "api_key"],
                                   environment: ["ACME_BASE_URL": url.absoluteString, "ACME_WORKSPACE": "demo-workspace"])
        try await tmux.waitFor("Ctrl-S save")
        try tmux.type("acme-wrong-key-7777")
        try tmux.press("C-s")
        let failed = try await tmux.waitFor("The check did not pass")
        #expect(failed.contains("The credentials were rejected by Acme (HTTP 401)"))
        #expect(failed.contains("Save unverified"), "a rejected key may be kept: the source was asked")
        #expect(!failed.contains("acme-wrong-key-7777"))
        try tmux.type("e")
        let editing = try await tmux.waitFor("▸ api_key")
        #expect(TmuxSession.row(of: editing, containing: "▸ api_key").contains("*✗"), "the field the check named is marked")
        #expect(editing.contains("✗ The credentials were rejected by Acme (HTTP 401)") || editing.contains("✗ the credentials were rejected"))
        try tmux.press("C-u")
        try tmux.type(Self.demoKey)
        try tmux.press("C-s")
        try await tmux.waitFor("✓ Connected to Acme as Demo Analyst")
        try tmux.press("Enter")
        #expect(try await tmux.waitForExit() == 0)
        #expect(try tmux.decryptWithAge("acme").contains(Self.demoKey))
    }

    @Test func aSecondVisitEditsTheSavedCredentials() async throws {
        let store = StoreFixture()
        let stored = try store.lakeflowAuth(["acme", "--from-env", "--no-probe"], environment: [
            "ACME_AUTH_METHOD": "api_key", "ACME_API_KEY": "sk-saved-key-4242", "ACME_WORKSPACE": "saved-workspace",
        ])
        #expect(stored.status == 0, "\(stored.stderr)")
        let second = try TmuxSession(["acme", "--no-probe"], environment: ["LAKEFLOW_AUTH_HOME": store.home])
        let screen = try await second.waitFor("editing the saved credentials of")
        #expect(screen.contains("◉ api_key"), "the stored method is chosen")
        #expect(screen.contains("saved-workspace"))
        #expect(!screen.contains("sk-saved-key-4242"), "the stored secret is masked")
        try second.press("Tab", "Tab", "Tab", "Tab", "Right")
        try await second.waitFor("◉ eu")
        try second.press("C-s")
        try await second.waitFor("Not verified with the source (--no-probe)")
        try second.press("Enter")
        #expect(try await second.waitForExit() == 0)
        let envelope = try second.decryptWithAge("acme")
        #expect(envelope.contains(#""api_key":"sk-saved-key-4242""#))
        #expect(envelope.contains(#""region":"eu""#))
    }

    @Test func aProtectedIdentityIsUnlockedInADialogBeforeTheSavedValuesShow() async throws {
        let store = StoreFixture()
        let passphrase = "correct-horse-77"
        let stored = try store.lakeflowAuth(["acme", "--from-env", "--no-probe"], environment: [
            "LAKEFLOW_AUTH_PASSPHRASE": passphrase, "ACME_AUTH_METHOD": "api_key", "ACME_API_KEY": "sk-saved-key-4242",
            "ACME_WORKSPACE": "saved-workspace",
        ])
        try #require(stored.status == 0, "\(stored.stderr)")
        let tmux = try TmuxSession(["acme", "--no-probe"], environment: ["LAKEFLOW_AUTH_HOME": store.home])
        try await tmux.waitFor("This machine's identity is protected by a passphrase")
        try tmux.type("not-the-passphrase")
        #expect(!(try tmux.screen()).contains("not-the-passphrase"))
        try tmux.press("Enter")
        let wrong = try await tmux.waitFor("That passphrase does not open the identity; try again (attempt 2 of 3)", timeout: .seconds(60))
        #expect(wrong.components(separatedBy: "try again").count == 2, "said once")
        try tmux.type(passphrase)
        try tmux.press("Enter")
        let form = try await tmux.waitFor("editing the saved credentials of", timeout: .seconds(60))
        #expect(form.contains("saved-workspace"))
        #expect(!form.contains(passphrase))
        try tmux.press("Escape")
        #expect(try await tmux.waitForExit() == 130)
    }
}
