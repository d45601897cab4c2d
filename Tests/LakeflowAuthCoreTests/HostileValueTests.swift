import Foundation
import LakeflowAuthCore
import Testing

/// Values, env files and JSON as an attacker would write them: nothing may smuggle a header, cut
/// an env var short, hide from a mask, or read differently here than in another tool.
struct HostileValueTests {
    static let spec = ConnectorSpec(connector: "acme", origin: .declarations, options: [
        ConnectorOption(name: "api_key", required: true, secret: true, envVar: "ACME_API_KEY"),
        ConnectorOption(name: "base_url", type: .url, envVar: "ACME_BASE_URL"),
        ConnectorOption(name: "workspace", envVar: "ACME_WORKSPACE"),
    ])

    @Test(arguments: ["tok\r\nX-Injected: yes", "tok\nx", "tok\rx", "tok\u{0}x", "tok\tx", "tok\u{7F}x", "tok\u{85}x", "tok\u{1B}[2J"])
    func controlCharactersAreAFieldErrorInEveryOption(value: String) {
        for option in Self.spec.options {
            var form = Form(spec: Self.spec)
            form.set("api_key", "k")
            form.set(option.name, option.type == .url ? "https://x.example/" + value : value)
            #expect(throws: InvalidForm.self) { try form.validate() }
            #expect(form.errors.contains(FieldError(option: option.name, problem: .controlCharacter)), "\(option.name)")
        }
    }

    @Test func aMultiLineOptionKeepsItsLinesButNotOtherControlCharacters() throws {
        let spec = ConnectorSpec(connector: "fhir", origin: .databricks, options: [
            ConnectorOption(name: "private_key_pem", required: true, secret: true, multiline: true, envVar: "FHIR_PRIVATE_KEY_PEM"),
        ])
        let pem = "-----BEGIN PRIVATE KEY-----\r\nMIIE\tvQ\n-----END PRIVATE KEY-----\n"
        var form = Form(spec: spec)
        form.set("private_key_pem", pem)
        #expect(try form.validate()["private_key_pem"] == .string(pem))
        for hostile in ["\u{0}", "\u{1B}[2J", "\u{7F}"] {
            form.set("private_key_pem", pem + hostile)
            #expect(throws: InvalidForm.self) { try form.validate() }
            #expect(form.errors == [FieldError(option: "private_key_pem", problem: .controlCharacter)])
        }
    }

    @Test func bytesThatWereNotUTF8AreRefused() {
        let decoded = String(decoding: [0x74, 0x6F, 0x6B, 0xFF, 0xFE], as: UTF8.self)
        var form = Form(spec: Self.spec)
        form.set("api_key", decoded)
        #expect(throws: InvalidForm.self) { try form.validate() }
        #expect(form.errors == [FieldError(option: "api_key", problem: .notUTF8)])
    }

    @Test func envFileLinesEndOnlyAtLF() throws {
        let values = try EnvFile.parse("A=one\u{2028}two\nB=x\u{85}y\r\nC=p\u{0C}q\r\nD=last", path: "t.env")
        #expect(values == ["A": "one\u{2028}two", "B": "x\u{85}y", "C": "p\u{0C}q", "D": "last"])
    }

    @Test func envFileMessagesNeverQuoteTheLine() {
        for line in ["s3cr3t-value", "ACME_API_KEY: s3cr3t-value=", "s3cr3t value=", "A='s3cr3t-value", "A=\"s3cr3t-value\" x"] {
            do {
                _ = try EnvFile.parse(line, path: "t.env")
                Issue.record("accepted \(line)")
            } catch {
                #expect(!error.message.contains("s3cr3t"), "\(error.message)")
            }
        }
    }

    @Test func anEnvFileThatIsAFIFOOrAFolderIsRefusedAtOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("envfile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fifo = folder + "/values.env"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: EnvFileError.notAFile(path: fifo, kind: "a FIFO (named pipe)")) { try EnvFile.load(path: fifo) }
        #expect(throws: EnvFileError.notAFile(path: folder, kind: "a folder")) { try EnvFile.load(path: folder) }
    }

    /// `^(a+)+$` took 15 s at 18 characters with a backtracking matcher, doubling with each one.
    @Test(arguments: ["^(a+)+$", "^(a|a)*$", "^(a|aa)+$", "^(.*a){12}$", "(a*)*b", "^(\\w+\\s?)*$"])
    func noPatternMakesAValueCostly(pattern: String) {
        let option = ConnectorOption(name: "name", pattern: pattern, envVar: "ACME_NAME")
        let clock = ContinuousClock()
        let start = clock.now
        let result = ValueRules.parse(String(repeating: "a", count: 5_000) + "!", for: option)
        #expect(clock.now - start < .seconds(2))
        guard case .failure(.patternMismatch) = result else {
            Issue.record("\(pattern) matched")
            return
        }
    }

    /// The patterns people write mean what Swift's Regex says they mean.
    @Test func patternsAgreeWithRegex() throws {
        let patterns = ["^[A-Za-z0-9][A-Za-z0-9-]*$", "^[a-z0-9-]{3,40}$", "^[a-z][a-z0-9-]{2,30}$", "^\\d{4}-\\d{2}$",
                        "^(us|eu)-[0-9]+$", "^https?://", "^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$", "x*?y", "^a{2}b{1,}c?$",
                        "^(?:ab)+$", "[.]", "^\\w+$", "\\S", "^[\\]\\-]+$", "^a|b$", "^$", "colou?r", "^[a-f\\d]{8}$"]
        let values = ["", "a", "ab", "abab", "us-12", "eu-", "acme-co", "a-", "-a", "AcMe9", "2025-01", "x@y.io", "x@y",
                      "https://h", "http:/h", "xxxy", "aabbbc", "aab", "a.b", "]-]", "b", "color", "colour", "deadbeef",
                      "dead beef", "ab-cd_ef", "ünï"]
        for pattern in patterns {
            let ours = try ValuePattern(pattern)
            let regex = try Regex(pattern)
            for value in values {
                #expect(ours.matches(in: value) == value.contains(regex), "\(pattern) on \"\(value)\"")
            }
        }
    }

    @Test(arguments: ["+1", "01", "1.", ".5", "-", "1e", "1e+", "-01", "--1", "0x10", #"{"a": 1, "a": 2}"#])
    func jsonIsReadAsRFC8259Says(text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
    }

    @Test(arguments: [("0", JSONValue.integer(0)), ("-0.5", .number(-0.5)), ("1e3", .number(1000)), ("12", .integer(12)),
                      ("2E-2", .number(0.02)), (#"{"a": 1, "b": {"a": 2}}"#, .object([("a", .integer(1)), ("b", .object([("a", .integer(2))]))]))])
    func validJSONStillReads(text: String, value: JSONValue) throws {
        #expect(try JSONParser.parse(text) == value)
    }

    @Test func jsonOutputEscapesWhatCouldReorderOrHideText() throws {
        let text = "a\u{202E}b\u{200B}c\u{2066}d\u{FEFF}e\u{E0001}"
        let json = JSONValue.string(text).serialized()
        #expect(json == #""a\u202eb\u200bc\u2066d\ufeffe\udb40\udc01""#)
        #expect(try JSONParser.parse(json) == .string(text))
    }

    @Test func aPasswordInsideAURLIsMaskedLikeASecret() {
        #expect(Masking.maskingURLPassword("https://user:hunter2-long-pw@host.example/x") == "https://user:••••••••@host.example/x")
        #expect(Masking.maskingURLPassword("https://user:hunter2-a-much-longer-pw@host.example/x") == "https://user:••••r-pw@host.example/x")
        #expect(Masking.maskingURLPassword("https://user@host.example/a:b@c") == "https://user@host.example/a:b@c")
        #expect(Masking.maskingURLPassword("https://host.example:8443/") == "https://host.example:8443/")
    }

    @Test func showLearnsWhichOptionsAreSecretFromTheSpecWhenTheFileDoesNotSay() {
        let envelope = CredentialEnvelope(connector: "acme", authMethod: nil,
                                          options: [("api_key", .string("k-0123456789")), ("workspace", .string("prod")),
                                                    ("extra", .string("x-0123456789"))],
                                          secretOptions: nil, envVars: nil, savedAt: Date(), probe: nil)
        #expect(JSONValue.object(envelope.maskedOptions)["workspace"] == .string("••••••••"))
        let known = envelope.withSecretOptions(from: Self.spec)
        #expect(known.secretOptions == ["api_key", "extra"])
        #expect(JSONValue.object(known.maskedOptions)["workspace"] == .string("prod"))
        #expect(JSONValue.object(known.maskedOptions)["api_key"] == .string("••••••••"), "a short secret shows no tail")
    }

    @Test func aConnectorNamedLikeASubcommandIsSetUpThroughTheWizard() {
        #expect(ConnectorName.setupCommand("list") == "lakeflow-auth wizard list")
        #expect(ConnectorName.setupCommand("acme") == "lakeflow-auth acme")
        #expect(StoreError.notFound(connector: "show", path: "/x").hints == ["run `lakeflow-auth wizard show` to set it up"])
    }

    /// One rule for option names: a name a spec may declare is a name a probe template may use.
    @Test func anOptionNamedWithADashCanBeUsedInAProbe() throws {
        let spec = try SpecLoader.load(text: """
            options:
              - name: api-key
                secret: true
                required: true
            probe:
              url: https://api.example.com/me
              auth:
                type: bearer
                token: "{api-key}"
            """, path: "dash/options.yaml")
        var form = Form(spec: spec)
        form.set("api-key", "k-0123456789")
        let request = try ProbeFixtures.firstRequest(try form.validate(), spec: spec)
        #expect(request.header("Authorization") == "Bearer k-0123456789")
    }

    @Test func aFieldMessageQuotesALongExampleShort() {
        let option = ConnectorOption(name: "n", pattern: "^x$", example: String(repeating: "e", count: 1 << 20), envVar: "A_N")
        guard case let .failure(problem) = ValueRules.parse("y", for: option) else {
            Issue.record("y matched ^x$")
            return
        }
        #expect(problem.text.count < 200)
    }

    /// A stored file written by another tool skips the form; the probe still refuses to send a value
    /// that would add a header.
    @Test func aProbeRefusesStoredValuesWithControlCharacters() throws {
        let spec = try ProbeFixtures.spec("acme")
        let credentials = Credentials(connector: "acme", authMethod: "api_key", values: [
            ("api_key", .string("tok\r\nX-Injected: yes")), ("workspace", .string("demo")), ("base_url", .string("https://api.acme.example")),
        ])
        let error = try #require(throws: ProbeRefusal.self) { try ProbeFixtures.firstRequest(credentials, spec: spec) }
        #expect(error.problem == .controlCharacter)
        #expect(!error.message.contains("tok"))
    }

    @Test func anUnexpectedFailureIsAnInternalErrorThatSaysWhatHappened() {
        struct SocketFailure: Error { let errno = 24 }
        let error = InternalError(SocketFailure())
        #expect(error.exitStatus.rawValue == 1)
        #expect(error.message == "internal error: SocketFailure(errno: 24)")
        #expect(!error.hints.joined().contains("--help"))
        #expect(InternalError(CocoaError(.fileReadUnknown)).message.count < 600)
    }
}
