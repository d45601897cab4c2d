import LakeflowAuthCore
import Testing

/// A front end that posts every field at once (the browser form) and never shows a secret: an empty
/// secret means "keep".
struct FormPostTests {
    @Test func aSecretLeftEmptyKeepsItsValue() throws {
        var form = try FormValidationTests.acmeForm()
        form.take(["workspace": "BAD", "api_key": "key-1"])
        form.take(["workspace": "acme-prod", "api_key": ""])
        #expect(form.values["api_key"] == "key-1")
        #expect(form.values["workspace"] == "acme-prod")
    }

    @Test func aSecretPostedAgainReplacesTheOldOne() throws {
        var form = try FormValidationTests.acmeForm()
        form.take(["api_key": "key-1"])
        form.take(["api_key": "key-2"])
        #expect(form.values["api_key"] == "key-2")
    }

    @Test func anEmptyPlainValueClearsIt() throws {
        var form = try FormValidationTests.acmeForm()
        form.take(["workspace": "acme-prod"])
        form.take(["workspace": ""])
        #expect(form.values["workspace"] == nil)
    }

    @Test func namesThatAreNoFieldAreIgnored() throws {
        var form = try FormValidationTests.acmeForm()
        form.take(["username": "someone", "not_an_option": "x", "workspace": "acme-prod", "api_key": "k"])
        #expect(form.values["username"] == nil)
        #expect(form.values["not_an_option"] == nil)
        #expect(throws: Never.self) { try form.validate() }
    }

    @Test func anUnchangedFieldKeepsTheCheckMark() throws {
        var form = try FormValidationTests.acmeForm()
        form.take(["workspace": "acme-prod", "api_key": "k"])
        form.markConcerned(["workspace", "api_key"])
        form.take(["workspace": "acme-prod", "api_key": ""])
        #expect(form.concernedByCheck == ["workspace", "api_key"])
        form.take(["workspace": "acme-test"])
        #expect(form.concernedByCheck == ["api_key"])
    }

    /// The control kind follows the spec model: what `OptionInference` calls multi-line is taken whole
    /// by every front end; a secret is hidden, a boolean a switch, choices a choice.
    @Test(arguments: [("private_key_pem", "", true), ("key", "RSA private key in PEM format (multiline).", true),
                      ("sa_key", "The key in PEM.", true), ("api_key", "The API key.", false),
                      ("template", "Company-wide templates", false)])
    func multiLineOptionsAreManyLineControls(name: String, description: String, multiLine: Bool) {
        let option = ConnectorOption(name: name, secret: OptionInference.looksSecret(name),
                                     multiline: OptionInference.looksMultiline(name: name, description: description),
                                     description: description, envVar: "X")
        #expect(FieldControl(option).takesLines == multiLine)
        #expect(FieldControl(option).hidesValue == option.secret)
    }

    @Test func eachKindOfOptionHasItsControl() {
        #expect(FieldControl(ConnectorOption(name: "a", envVar: "A")) == .line)
        #expect(FieldControl(ConnectorOption(name: "a", secret: true, envVar: "A")) == .secret)
        #expect(FieldControl(ConnectorOption(name: "a", secret: true, multiline: true, envVar: "A")) == .lines(secret: true))
        #expect(FieldControl(ConnectorOption(name: "a", type: .boolean, envVar: "A")) == .toggle)
        #expect(FieldControl(ConnectorOption(name: "a", type: .choice, choices: ["x", "y"], envVar: "A")) == .choice(["x", "y"]))
        #expect(FieldControl(ConnectorOption(name: "token_url", envVar: "A"), isOAuthEndpoint: true) == .oauthEndpoint)
    }
}
