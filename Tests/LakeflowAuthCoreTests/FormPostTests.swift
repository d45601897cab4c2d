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

    @Test(arguments: [("private_key_pem", "", true), ("key", "RSA private key in PEM format (multiline).", true),
                      ("api_key", "The API key.", false), ("template", "Company-wide templates", false)])
    func multiLineOptions(name: String, description: String, multiLine: Bool) {
        #expect(ConnectorOption(name: name, description: description, envVar: "X").takesMultipleLines == multiLine)
    }
}
