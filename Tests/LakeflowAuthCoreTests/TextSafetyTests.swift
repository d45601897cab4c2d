import Foundation
@testable import LakeflowAuthCore
import Testing

/// The one scrubber and the one sanitizer, and the core's printers against escape payloads.
struct TextSafetyTests {
    static let payloads = [
        "\u{1B}]52;c;ZWNobyBwd25lZA==\u{07}", "\u{1B}]0;pwned\u{1B}\\", "\u{1B}[2J", "\u{9B}31m", "\u{9D}0;t\u{9C}",
        "\u{202E}gpj.exe\u{202C}", "\u{2067}x\u{2069}", "a\u{200B}b\u{200C}c\u{200D}d\u{2060}e\u{FEFF}", "x\u{2028}y\u{2029}z\u{85}",
        "tag\u{E0041}s", "\u{061C}arabic mark",
    ]

    static func unsafe(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 != "\n" && TerminalText.isUnsafe($0) }
    }

    @Test func theScrubberIsOneAndExtendsWithWhatEachPathLearns() {
        let scrubber = SecretScrubber(secrets: ["first-secret-value"])
        let extended = scrubber.adding(secrets: ["second-secret-value"], basicPairs: ["id:second-secret-value"])
        #expect(scrubber.scrub("FIRST-SECRET-VALUE and second-secret-value") == "\(SecretScrubber.mask) and second-secret-value")
        #expect(extended.scrub("first-secret-value second-secret-value") == "\(SecretScrubber.mask) \(SecretScrubber.mask)")
        #expect(extended.shown("oops: second-secret") == SecretScrubber.withheld)
        #expect(extended.safe("\u{1B}]52;c;aGk=\u{7} fine") == "]52;c;aGk= fine")
    }

    /// The scrubber folds compatibility forms without Foundation; Foundation's NFKC is the reference.
    @Test(arguments: ["ＳＥＣＲＥＴ－ｖａｌｕｅ", "ﬁle ﬂow", "x² H₂O ½", "𝐬𝐞𝐜𝐫𝐞𝐭 𝟙𝟚𝟛", "①②③ Ⅻ", "Å K Ω", "㎏ ㍱ ℡", "plain text"])
    func compatibilityFormsFoldAsNFKCFoldsThem(text: String) {
        #expect(SecretScrubber.visible(text) == text.precomposedStringWithCompatibilityMapping)
    }

    @Test func aSecretInFullwidthFormsIsMasked() {
        let scrubber = SecretScrubber(secrets: ["first-secret-value"])
        #expect(scrubber.safe("echo: ｆｉｒｓｔ－ｓｅｃｒｅｔ－ｖａｌｕｅ") == "echo: \(SecretScrubber.mask)")
    }

    @Test func aBearerTokenInAnyCaseOrWithoutATypeIsUsed() {
        for type in [JSONValue.string("bearer"), .string("BEARER"), .null] {
            let answer = JSONValue.object([("access_token", .string("at-1")), ("token_type", type)])
            #expect(OAuthTokens.problem(in: answer) == nil)
        }
        #expect(OAuthTokens.problem(in: .object([("access_token", .string("at-1"))])) == nil)
        #expect(OAuthTokens.problem(in: .object([("access_token", .string("at-1")), ("token_type", .string("DPoP"))])) == .notBearer("DPoP"))
    }

    @Test(arguments: payloads)
    func theSanitizerLeavesNothingThatActsAndKeepsEverythingElse(payload: String) {
        let text = "before \(payload) after"
        let clean = TerminalText.sanitized(text)
        #expect(!Self.unsafe(clean))
        #expect(clean.hasPrefix("before ") && clean.hasSuffix(" after"))
        #expect(!Self.unsafe(TerminalText.sanitizedLines("one\n\(payload)\ntwo")))
        #expect(TerminalText.sanitizedLines("one\ntwo") == "one\ntwo")
    }

    /// Every core printer of stored text: `list`'s lines, `show`'s text, and what an unreadable file says.
    @Test(arguments: payloads)
    func storedTextIsPrintedSanitized(payload: String) {
        var envelope = Sample.envelope(probe: ProbeRecord(ok: true, status: 200, at: Date(), identity: "alice\(payload)"))
        envelope.authMethod = "api_key\(payload)"
        envelope.options.append(("note\(payload)", .string("plain\(payload)")))
        envelope.secretOptions?.append("other")
        envelope.oauthEndpoints = [("token_url\(payload)", "https://id.example/\(payload)")]
        let summaries = [
            StoredCredentialSummary(name: StoredCredentialName(connector: "acme", profile: "default"), path: "/store/acme.age",
                                    contents: .readable(CredentialFacts(envelope))),
            StoredCredentialSummary(name: StoredCredentialName(connector: "beta", profile: "default"), path: "/store/beta.age",
                                    contents: .unreadable(.notAnEnvelope(path: "/store/\(payload)", problem: "\"x\(payload)\""))),
        ]
        for line in CredentialListing.lines(summaries) { #expect(!Self.unsafe(line), "\(line.debugDescription)") }
        for reveal in [false, true] {
            let text = CredentialDisplay.text(envelope, reveal: reveal)
            #expect(!Self.unsafe(text), "\(text.debugDescription)")
            #expect(text.contains("alice"))
            let json = CredentialDisplay.json(envelope, reveal: reveal)
            #expect(!Self.unsafe(json), "\(json.debugDescription)")
        }
    }

    /// The generated file escapes what a terminal or a review would not show, and reads back the same.
    @Test(arguments: payloads)
    func aRenderedSpecHoldsNoCharacterThatHidesOrActs(payload: String) throws {
        let spec = ConnectorSpec(
            connector: "echo", origin: .declarations, displayName: "Echo \(payload)",
            options: [ConnectorOption(name: "api_key", secret: true, description: "The key \(payload) as issued",
                                      envVar: "ECHO_API_KEY")],
            authMethods: [AuthMethod(name: "token", description: "By \(payload) token", options: [])],
            oauth: .object([("flow", .string("m2m")), ("scopes", .string("read \(payload)")),
                            ("extra_auth_params", .object([("k\(payload)", .string(payload))]))]))
        let rendered = SpecRenderer.render(spec)
        #expect(!Self.unsafe(rendered), "\(rendered.debugDescription)")
        let loaded = try SpecLoader.load(text: rendered, path: "echo/connector_spec.yaml")
        #expect(loaded.displayName == spec.displayName)
        #expect(loaded.oauth == spec.oauth)
        #expect(loaded.options.first?.description == SpecRules.normalizeDescription(spec.options[0].description))
    }

    @Test(arguments: payloads)
    func databricksProfilesAndPathsAreQuotedSanitized(payload: String) throws {
        let folder = TemporaryFolder()
        let config = folder.path + "/cfg\(payload)"
        try "[DEFAULT\(payload)]\nhost = https://adb.example\n".write(toFile: config, atomically: true, encoding: .utf8)
        do {
            _ = try DatabricksWorkspace.find(environment: ["DATABRICKS_CONFIG_FILE": config, "HOME": folder.path],
                                             profile: "prod\(payload)")
            Issue.record("found a workspace")
        } catch let error as DatabricksError {
            let text = ([error.message] + error.hints).joined(separator: "\n")
            #expect(text.contains("has no profile prod"), "\(text)")
            #expect(!Self.unsafe(text), "\(text.debugDescription)")
        }
    }
}
