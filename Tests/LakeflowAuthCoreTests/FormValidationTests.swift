import LakeflowAuthCore
import Testing

/// The rules every front end gets from the one Form: the same answers, in the same words.
struct FormValidationTests {
    static func acmeForm(method: String = "api_key") throws -> Form {
        var form = Form(spec: try SpecLoader.load(path: PackagePaths.acmeDeclarations))
        try form.chooseAuthMethod(method)
        return form
    }

    /// A spec with one option of each type the form parses.
    static func typedForm() throws -> Form {
        let text = """
            options:
              - name: count
                type: integer
              - name: ratio
                type: number
              - name: enabled
                type: boolean
              - name: endpoint
                type: url
              - name: token
                secret: true
                pattern: '^tok_[a-z]+$'
                example: tok_example

            """
        return Form(spec: try SpecLoader.load(text: text, path: "typed/options.yaml"))
    }

    static func errors(_ form: inout Form) -> [FieldError] {
        do {
            _ = try form.validate()
            return []
        } catch {
            return error.errors
        }
    }

    @Test("a valid form gives typed credentials in form order, defaults applied")
    func valid() throws {
        var form = try Self.acmeForm()
        form.set("workspace", "acme-prod")
        form.set("api_key", "  key with spaces kept  ")
        let credentials = try form.validate()
        #expect(credentials.connector == "acme")
        #expect(credentials.authMethod == "api_key")
        #expect(credentials.values.map(\.0) == ["api_key", "workspace", "base_url", "region"])
        #expect(credentials["api_key"] == .string("  key with spaces kept  "))
        #expect(credentials["base_url"] == .string("https://api.acme.example"))
        #expect(credentials["region"] == .string("us"))
        #expect(form.errors.isEmpty)
    }

    @Test("required options are asked for, and every error comes at once")
    func requiredAndAllAtOnce() throws {
        var form = try Self.acmeForm()
        form.set("region", "asia")
        form.set("colour", "blue")
        let errors = Self.errors(&form)
        #expect(errors == [
            FieldError(option: "colour", problem: .unknownOption(connector: "acme")),
            FieldError(option: "api_key", problem: .missing),
            FieldError(option: "workspace", problem: .missing),
            FieldError(option: "region", problem: .notAChoice(choices: ["us", "eu"])),
        ])
        #expect(form.errors == errors)
        #expect(errors.map { $0.message() } == [
            "colour is not an option of acme", "api_key is required", "workspace is required",
            "region must be one of: us, eu",
        ])
    }

    @Test("a value cleared with an empty string falls back to its default")
    func clearing() throws {
        var form = try Self.acmeForm()
        form.set("region", "eu")
        form.set("region", "")
        #expect(form.effectiveValue(try #require(form.field("region"))) == "us")
        #expect(form.check("region", nil) == nil)
        form.set("workspace", "acme-prod")
        #expect(form.check("workspace", "") == FieldError(option: "workspace", problem: .missing))
    }

    @Test("patterns are checked and the message shows the example")
    func pattern() throws {
        let form = try Self.acmeForm()
        let error = try #require(form.check("workspace", "Acme Prod"))
        #expect(error.problem == .patternMismatch(pattern: "^[a-z0-9-]{3,40}$", example: "acme-prod"))
        #expect(error.message() == "workspace must match ^[a-z0-9-]{3,40}$ (for example: acme-prod)")
        #expect(form.check("workspace", "acme-prod") == nil)
    }

    @Test("a secret's pattern error shows neither the value nor the example")
    func secretPattern() throws {
        let form = try Self.typedForm()
        let error = try #require(form.check("token", "hunter2"))
        #expect(error.problem == .patternMismatch(pattern: "^tok_[a-z]+$", example: nil))
        #expect(!error.message().contains("hunter2"))
        #expect(form.check("token", "tok_abc") == nil)
    }

    @Test("integers, numbers and booleans parse to typed values")
    func typedValues() throws {
        var form = try Self.typedForm()
        form.set("count", " 42 ")
        form.set("ratio", "1.5")
        form.set("enabled", "Yes")
        form.set("endpoint", "http://127.0.0.1:8080/api")
        let credentials = try form.validate()
        #expect(credentials["count"] == .integer(42))
        #expect(credentials["ratio"] == .number(1.5))
        #expect(credentials["enabled"] == .bool(true))
        #expect(credentials["endpoint"] == .string("http://127.0.0.1:8080/api"))
        #expect(credentials["token"] == nil)
    }

    @Test("values of the wrong type are refused", arguments: [
        ("count", "4.2", FieldProblem.notInteger), ("count", "forty", .notInteger),
        ("ratio", "1,5", .notNumber), ("ratio", "inf", .notNumber), ("ratio", "nan", .notNumber),
        ("enabled", "maybe", .notBoolean), ("enabled", "2", .notBoolean),
    ])
    func wrongType(option: String, raw: String, problem: FieldProblem) throws {
        let form = try Self.typedForm()
        #expect(form.check(option, raw) == FieldError(option: option, problem: problem))
    }

    @Test("booleans accept the usual spellings", arguments: [
        ("true", true), ("on", true), ("1", true), ("y", true), ("FALSE", false), ("no", false), ("off", false), ("0", false),
    ])
    func booleans(raw: String, value: Bool) throws {
        var form = try Self.typedForm()
        form.set("enabled", raw)
        #expect(try form.validate()["enabled"] == .bool(value))
    }

    @Test("URLs need a scheme and a host", arguments: [
        "api.acme.example", "https://", "https:///path", "https://exa mple.com", "//host.example", "not a url",
    ])
    func badURL(_ raw: String) throws {
        let form = try Self.typedForm()
        let error = try #require(form.check("endpoint", raw))
        #expect(error.problem == .notURL)
        #expect(error.message() == "endpoint must be a URL with a scheme and a host, like https://api.example.com")
    }

    @Test("values of another auth method are set aside: they neither fail validation nor reach the credentials")
    func otherMethod() throws {
        var form = try Self.acmeForm(method: "basic")
        form.set("username", "alice")
        form.set("workspace", "acme-prod")
        try form.chooseAuthMethod("api_key")
        form.set("api_key", "k")
        let credentials = try form.validate()
        #expect(credentials.values.map(\.0) == ["api_key", "workspace", "base_url", "region"])
        try form.chooseAuthMethod("basic")
        #expect(form.values["username"] == "alice", "switching back restores what was typed")
        #expect(form.check("password", nil)?.problem == .missing)
        #expect(form.check("api_key", "k")?.problem == .otherAuthMethod(owner: "api_key", chosen: "basic"))
    }

    @Test("an option no auth method declares is still refused")
    func unknownOption() throws {
        var form = try Self.acmeForm(method: "api_key")
        form.set("workspace", "acme-prod")
        form.set("api_key", "k")
        form.set("colour", "blue")
        #expect(Self.errors(&form) == [FieldError(option: "colour", problem: .unknownOption(connector: "acme"))])
    }

    @Test("a required value of only white space is missing; an optional one falls back to its default", arguments: [" ", "   ", "\t"])
    func whiteSpaceIsMissing(_ blank: String) throws {
        var form = try Self.acmeForm(method: "api_key")
        form.set("workspace", blank)
        form.set("api_key", blank)
        form.set("region", blank)
        #expect(Self.errors(&form).map(\.option) == ["api_key", "workspace"])
        #expect(Self.errors(&form).allSatisfy { $0.problem == .missing })
        form.set("workspace", "acme-prod")
        form.set("api_key", "k")
        #expect(try form.validate()["region"] == .string("us"))
    }

    @Test("leaving a field records its check; editing it clears the mark of a failed check")
    func fieldState() throws {
        var form = try Self.acmeForm(method: "api_key")
        form.set("workspace", "Not A Workspace")
        form.leave("workspace")
        let workspace = try #require(form.fieldStates.first { $0.option.name == "workspace" })
        #expect(workspace.error?.problem == .patternMismatch(pattern: "^[a-z0-9-]{3,40}$", example: "acme-prod"))
        form.set("api_key", "acme-demo-key-0001")
        form.markConcerned(["api_key", "not-a-field"])
        #expect(form.fieldStates.filter(\.concernedByCheck).map(\.option.name) == ["api_key"])
        let summary = try #require(form.fieldStates.first?.summary)
        #expect(summary.hasPrefix("••••") && !summary.contains("acme-demo"))
        form.set("api_key", "another-key")
        #expect(form.fieldStates.allSatisfy { !$0.concernedByCheck })
    }

    @Test("values are shown by the core: secrets masked, pasted keys counted, control characters visible")
    func display() throws {
        let form = try Self.acmeForm(method: "basic")
        let password = try #require(form.field("password"))
        let workspace = try #require(form.field("workspace"))
        #expect(ValueDisplay.hidden("hunter2") == "••••••••", "typed or at rest, the one mask")
        #expect(ValueDisplay.hidden("hunter2-and-much-longer") == ValueDisplay.hidden("hunter"),
                "neither the length nor the last characters show while typing")
        #expect(ValueDisplay.hidden("") == "", "an empty field leaves room for its placeholder")
        #expect(ValueDisplay.summary("-----BEGIN KEY-----\nabc\n-----END KEY-----\n", of: password) == "••••••••",
                "a secret key shows neither its lines nor its length")
        #expect(ValueDisplay.summary("-----BEGIN KEY-----\nabc\n-----END KEY-----\n", of: workspace) == "(3 lines)")
        #expect(ValueDisplay.summary("acme\u{1B}[2J", of: workspace) == "acme\u{241B}[2J")
        #expect(ValueDisplay.visible("a\u{202E}b") == "a\u{FFFD}b")
    }

    @Test("a spec with several methods needs one chosen before it validates")
    func methodMissing() throws {
        var form = Form(spec: try SpecLoader.load(path: PackagePaths.acmeDeclarations))
        #expect(form.needsAuthMethod)
        do {
            _ = try form.validate()
            Issue.record("validated without an auth method")
        } catch {
            #expect(error.authMethodMissing == ["api_key", "basic"])
            #expect(error.message == "choose an auth method for acme: api_key, basic")
        }
        #expect(throws: AuthMethodError.unknown("oauth", connector: "acme", available: ["api_key", "basic"])) {
            try form.chooseAuthMethod("oauth")
        }
        try form.chooseAuthMethod("basic")
        #expect(form.fields.map(\.name) == ["username", "password", "workspace", "base_url", "region"])
    }

    @Test("the error for the whole form names every field problem")
    func invalidFormMessage() throws {
        var form = try Self.acmeForm(method: "basic")
        do {
            _ = try form.validate()
            Issue.record("an empty form validated")
        } catch {
            #expect(error.message == "username is required; password is required; workspace is required")
            #expect(error.exitStatus == .badInput)
        }
    }
}
