import AcmeSandbox
import Foundation
import LakeflowAuthCore
import SharedCorpus
import Testing

/// `lakeflow-auth <connector> --plain` driven through a pseudo-terminal, as a person would.
@Suite(.serialized)
struct PlainFormTests {
    static let demoKey = "acme-demo-key-0001"

    @Test func apiKeyFlowCorrectsAWrongWorkspaceAndStoresVerifiedCredentials() async throws {
        let sandbox = AcmeSandboxServer(configuration: .demo)
        let url = try await sandbox.start()
        defer { Task { await sandbox.stop() } }
        let run = try WizardRun(["acme", "--plain"])
        defer { run.removeHome() }
        let terminal = run.terminal

        let firstPrompt = try await terminal.expect("Auth method (1-2): ")
        print("plain form: first prompt after \(firstPrompt)")
        terminal.sendLine("1")
        // The prompt at a line's start: the heading "Acme with api_key: …" holds the same words, and a
        // key sent on seeing it would be typed ahead of the secret prompt, which discards it.
        try await terminal.expect("\napi_key: ")
        terminal.sendLine(Self.demoKey)
        try await terminal.expect("workspace: ")
        terminal.sendLine("Not A Workspace")
        try await terminal.expect("workspace must match ^[a-z0-9-]{3,40}$ (for example: acme-prod)")
        try await terminal.expect("workspace: ")
        terminal.sendLine("demo-workspace")
        try await terminal.expect("base_url [https://api.acme.example]: ")
        terminal.sendLine(url.absoluteString)
        try await terminal.expect("choices: 1) us  2) eu")
        try await terminal.expect("region [us]: ")
        terminal.sendLine("2")
        try await terminal.expect("api_key    ••••••••\r\n")
        try await terminal.expect("Connected to Acme as Demo Analyst")
        try await terminal.expect("Saved to \(run.home)/credentials/acme.age")
        try await terminal.expect("lakeflow-auth: created \(run.home)/identity.txt, this machine's identity")
        try await terminal.expect("lakeflow-auth: hint: back it up now")
        #expect(try await terminal.waitForExit() == 0)

        #expect(!terminal.output.contains(Self.demoKey))
        #expect(!terminal.output.replacingOccurrences(of: "\r\n", with: "").contains("\r"),
                "progress is plain lines: no carriage return but the terminal's own before each newline")
        let envelope = try run.store.open("acme")
        #expect(envelope.authMethod == "api_key")
        #expect(JSONValue.object(envelope.options) == .object([
            ("api_key", .string(Self.demoKey)), ("workspace", .string("demo-workspace")),
            ("base_url", .string(url.absoluteString)), ("region", .string("eu")),
        ]))
        #expect(envelope.probe?.ok == true)
        #expect(envelope.probe?.identity == "Demo Analyst")
    }

    @Test func basicFlowFromTheEnvironmentSkipsTheMenuAndKeepsPrefilledValues() async throws {
        let sandbox = AcmeSandboxServer(configuration: .demo)
        let url = try await sandbox.start()
        defer { Task { await sandbox.stop() } }
        let run = try WizardRun(["acme"], environment: [
            "ACME_AUTH_METHOD": "basic", "ACME_WORKSPACE": "demo-workspace", "ACME_BASE_URL": url.absoluteString,
        ])
        defer { run.removeHome() }
        let terminal = run.terminal

        try await terminal.expect("Acme: 3 required and 2 optional options. Ctrl-C quits without saving.")
        try await terminal.expect("username: ")
        terminal.sendLine("demo")
        try await terminal.expect("password: ")
        terminal.sendLine("demo-password")
        try await terminal.expect("workspace [demo-workspace]: ")
        terminal.sendLine("")
        try await terminal.expect("base_url [\(url.absoluteString)]: ")
        terminal.sendLine("")
        try await terminal.expect("region [us]: ")
        terminal.sendLine("eu")
        try await terminal.expect("Connected to Acme as Demo Analyst")
        #expect(try await terminal.waitForExit() == 0)

        #expect(!terminal.output.contains("Auth method (1-"))
        #expect(!terminal.output.contains("demo-password"))
        let envelope = try run.store.open("acme")
        #expect(envelope.authMethod == "basic")
        #expect(JSONValue.object(envelope.options) == .object([
            ("username", .string("demo")), ("password", .string("demo-password")),
            ("workspace", .string("demo-workspace")), ("base_url", .string(url.absoluteString)), ("region", .string("eu")),
        ]))
    }

    @Test func failedProbeOffersAnEditOfTheKeyAndARetry() async throws {
        let sandbox = AcmeSandboxServer(configuration: .demo)
        let url = try await sandbox.start()
        defer { Task { await sandbox.stop() } }
        let wrongKey = "acme-wrong-key-7777"
        let run = try WizardRun(["acme", "--plain", "--auth-method", "api_key"],
                                environment: ["ACME_BASE_URL": url.absoluteString])
        defer { run.removeHome() }
        let terminal = run.terminal

        try await terminal.expect("\napi_key: ")
        terminal.sendLine(wrongKey)
        try await terminal.expect("workspace: ")
        terminal.sendLine("demo-workspace")
        try await terminal.expect("base_url [")
        terminal.sendLine("")
        try await terminal.expect("region [us]: ")
        terminal.sendLine("")
        try await terminal.expect("The credentials were rejected by Acme (HTTP 401)")
        try await terminal.expect("1) Retry  2) Edit  3) Save unverified  4) Quit")
        try await terminal.expect("What now (1-4) [1]: ")
        terminal.sendLine("2")
        try await terminal.expect("Which field (1-4)")
        terminal.sendLine("1")
        try await terminal.expect("api_key [••••••••]: ")
        terminal.sendLine(Self.demoKey)
        try await terminal.expect("Summary (auth method api_key)")
        try await terminal.expect("Connected to Acme as Demo Analyst")
        #expect(try await terminal.waitForExit() == 0)

        #expect(!terminal.output.contains(wrongKey))
        #expect(!terminal.output.contains(Self.demoKey))
        #expect(try run.store.open("acme").options.first { $0.0 == "api_key" }?.1 == .string(Self.demoKey))
    }

    /// The same rule as `--from-env`: credentials that would travel over plain http to another machine
    /// were never checked, so they cannot be kept "unverified"; the menu leaves that choice out.
    @Test func aProbeRefusedBeforeSendingCannotBeSavedUnverified() async throws {
        let run = try WizardRun(["acme", "--plain", "--auth-method", "api_key"], environment: [
            "ACME_BASE_URL": "http://acme.invalid", "ACME_WORKSPACE": "demo-workspace",
        ])
        defer { run.removeHome() }
        let terminal = run.terminal
        try await terminal.expect("\napi_key: ")
        terminal.sendLine(Self.demoKey)
        try await terminal.expect("workspace [demo-workspace]: ")
        terminal.sendLine("")
        try await terminal.expect("base_url [http://acme.invalid]: ")
        terminal.sendLine("")
        try await terminal.expect("region [us]: ")
        terminal.sendLine("")
        try await terminal.expect("without https")
        try await terminal.expect("1) Retry  2) Edit  3) Quit")
        try await terminal.expect("What now (1-3) [1]: ")
        terminal.sendLine("3")
        #expect(try await terminal.waitForExit() == 2)
        #expect(run.storedFiles.isEmpty)
    }

    @Test func quittingAfterAFailedProbeSavesNothingAndExitsWithTheProbesStatus() async throws {
        let sandbox = AcmeSandboxServer(configuration: .demo)
        let url = try await sandbox.start()
        defer { Task { await sandbox.stop() } }
        let run = try WizardRun(["acme", "--auth-method", "api_key"],
                                environment: ["ACME_BASE_URL": url.absoluteString, "ACME_WORKSPACE": "demo-workspace"])
        defer { run.removeHome() }
        let terminal = run.terminal

        try await terminal.expect("\napi_key: ")
        terminal.sendLine("acme-demo-readonly")
        for prompt in ["workspace [", "base_url [", "region [us]: "] {
            try await terminal.expect(prompt)
            terminal.sendLine("")
        }
        try await terminal.expect("What now (1-4) [1]: ")
        terminal.sendLine("4")
        #expect(try await terminal.waitForExit() == 3)
        #expect(terminal.output.contains("lakeflow-auth: error: nothing was saved: the credentials are valid but lack permission"))
        #expect(run.storedFiles.isEmpty)
    }

    /// Editing stored credentials asks for the method again, the stored one the default: Enter keeps it,
    /// and its stored values are offered; another number switches.
    @Test func editingStoredCredentialsAsksForTheMethodWithTheStoredOneAsDefault() async throws {
        let store = StoreFixture()
        let saved = try store.lakeflowAuth(["acme", "--from-env", "--no-probe"], environment: [
            "ACME_AUTH_METHOD": "basic", "ACME_USERNAME": "demo", "ACME_PASSWORD": "demo-password", "ACME_WORKSPACE": "demo-workspace",
        ])
        try #require(saved.status == 0, "\(saved.stderr)")
        let run = try WizardRun(["acme", "--plain", "--no-probe"], environment: ["LAKEFLOW_AUTH_HOME": store.home])
        defer { run.removeHome() }
        let terminal = run.terminal
        try await terminal.expect("Acme: choose how to authenticate.")
        try await terminal.expect("Auth method (1-2) [2]: ")
        terminal.sendLine("")
        try await terminal.expect("Acme with basic:")
        try await terminal.expect("username [demo]: ")
        terminal.sendLine("")
        try await terminal.expect("password [••••••••]: ")
        terminal.sendLine("")
        for prompt in ["workspace [demo-workspace]: ", "base_url [", "region [us]: "] {
            try await terminal.expect(prompt)
            terminal.sendLine("")
        }
        try await terminal.expect("Saved to")
        #expect(try await terminal.waitForExit() == 0)
        let envelope = try CredentialStore(environment: ["LAKEFLOW_AUTH_HOME": store.home]).open("acme")
        #expect(envelope.authMethod == "basic")
        #expect(envelope.options.first { $0.0 == "password" }?.1 == .string("demo-password"))
    }

    @Test func ctrlCAtASecretLeavesNothingStoredAndEchoOn() async throws {
        let run = try WizardRun(["acme", "--plain", "--auth-method", "api_key", "--no-probe"])
        defer { run.removeHome() }
        let terminal = run.terminal

        try await terminal.expect("\napi_key: ")
        #expect(!terminal.echoes, "echo is off while the secret is typed")
        terminal.send("half-typed-secret")
        terminal.sendInterrupt()
        #expect(try await terminal.waitForExit() == 130)
        #expect(terminal.echoes)
        #expect(terminal.output.contains("lakeflow-auth: error: cancelled; nothing was saved"))
        #expect(!terminal.output.contains("half-typed-secret"))
        #expect(run.storedFiles.isEmpty)
    }

    @Test func endOfInputCancelsWithoutSaving() async throws {
        let run = try WizardRun(["acme", "--plain", "--auth-method", "api_key", "--no-probe"])
        defer { run.removeHome() }
        let terminal = run.terminal

        try await terminal.expect("\napi_key: ")
        terminal.sendLine("some-key-value")
        try await terminal.expect("workspace: ")
        terminal.sendEndOfInput()
        #expect(try await terminal.waitForExit() == 130)
        #expect(terminal.echoes)
        #expect(run.storedFiles.isEmpty)
    }

    @Test(SharedCorpus.connectorSpecs.required)
    func realSpecWithSeveralAuthMethods() async throws {
        let run = try WizardRun(["fhir", "--spec", SharedCorpus.connectorSpecs.spec("fhir"), "--no-probe"])
        defer { run.removeHome() }
        let terminal = run.terminal

        try await terminal.expect("FHIR R4: choose how to authenticate.")
        try await terminal.expect("1) jwt_assertion  SMART Backend Services authentication")
        try await terminal.expect("3) none")
        try await terminal.expect("Auth method (1-3): ")
        terminal.sendLine("7")
        try await terminal.expect("has no auth method \"7\"; choose one of: jwt_assertion, client_secret, none")
        terminal.sendLine("client_secret")
        // auth_type records the method chosen: filled, not asked.
        try await terminal.expect("FHIR R4 with client_secret: 3 required and 2 optional options.")
        let answers = [("token_url", ""), ("client_id", "my-client"), ("client_secret", "fhir-client-secret-value"),
                       ("scope", "system/Patient.read"), ("base_url", "https://hapi.example/fhir")]
        for (name, answer) in answers {
            try await terminal.expect("\(name): ")
            terminal.sendLine(answer)
        }
        try await terminal.expect("Saved to")
        #expect(try await terminal.waitForExit() == 0)

        #expect(!terminal.output.contains("auth_type: "))
        #expect(!terminal.output.contains("fhir-client-secret-value"), "client_secret is secret by its name")
        let envelope = try run.store.open("fhir")
        #expect(envelope.authMethod == "client_secret")
        #expect(envelope.options.last?.1 == .string("client_secret"))
        #expect(envelope.options.map(\.0) == ["client_id", "client_secret", "scope", "base_url", "auth_type"])
        #expect(envelope.probe == nil)
    }

    @Test(SharedCorpus.connectorSpecs.required)
    func realSpecWithoutAuthMethodsSavesUnverified() async throws {
        // Under another name, so no built-in check applies (github's would ask api.github.com).
        let run = try WizardRun(["github-copy", "--spec", SharedCorpus.connectorSpecs.spec("github")])
        defer { run.removeHome() }
        let terminal = run.terminal

        try await terminal.expect("GitHub: 1 required and 1 optional option. Ctrl-C quits without saving.")
        try await terminal.expect("[1/2] token (required, secret, not shown as you type)")
        try await terminal.expect("token: ")
        terminal.sendLine("")
        try await terminal.expect("token is required")
        try await terminal.expect("token: ")
        terminal.sendLine("ghp_exampletoken0123456789")
        try await terminal.expect("base_url: ")
        terminal.sendLine("-")
        try await terminal.expect("base_url  (none)")
        try await terminal.expect("No check is declared for GitHub, so the credentials are unverified")
        try await terminal.expect("Saved to")
        #expect(try await terminal.waitForExit() == 0)

        #expect(!terminal.output.contains("ghp_exampletoken0123456789"))
        #expect(try run.store.open("github-copy").options.map(\.0) == ["token"])
    }

    @Test func withoutAnyTerminalItPointsToFromEnv() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        process.arguments = ["-w", try LakeflowAuthProcess.builtBinary().path, "acme", "--plain"]
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        let errors = Pipe()
        process.standardError = errors
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        errors.closeBothEnds()
        output.closeBothEnds()

        #expect(process.terminationStatus == 2)
        #expect(text.contains("lakeflow-auth: error: there is no terminal to ask for credentials on"))
        #expect(text.contains("--from-env"))
    }
}
