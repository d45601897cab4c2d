import Foundation
import LakeflowAuthCore
import Testing

/// A rotation's form: every front end draws `fields`, so asking only for the secrets is the form's
/// business; the other values go into the credentials unseen and the auth method stays.
@Suite struct SecretsOnlyFormTests {
    static let spec = ConnectorSpec(
        connector: "acme", origin: .declarations,
        options: [ConnectorOption(name: "region", choices: ["us", "eu"], envVar: "ACME_REGION")],
        authMethods: [
            AuthMethod(name: "api_key", options: [ConnectorOption(name: "api_key", required: true, secret: true, envVar: "ACME_API_KEY")]),
            AuthMethod(name: "basic", options: [ConnectorOption(name: "username", required: true, envVar: "ACME_USERNAME"),
                                                ConnectorOption(name: "password", required: true, secret: true, envVar: "ACME_PASSWORD")]),
        ])

    @Test func onlySecretsAreAskedAndTheRestIsKept() throws {
        var form = Form(spec: Self.spec, profile: "prod").askingOnlyForSecrets()
        try form.chooseAuthMethod("basic")
        form.set("username", "alice")
        form.set("region", "eu")
        #expect(form.fields.map(\.name) == ["password"])
        #expect(form.fieldStates.map(\.option.name) == ["password"])
        try form.fill(from: ["ACME_USERNAME": "mallory", "ACME_REGION": "us", "ACME_PASSWORD": "new-secret"])
        let credentials = try form.validate()
        #expect(credentials.options == .object([("username", .string("alice")), ("password", .string("new-secret")),
                                               ("region", .string("eu"))]))
        #expect(form.profile == "prod")
    }

    @Test func theAuthMethodStays() throws {
        var form = Form(spec: Self.spec).askingOnlyForSecrets()
        try form.chooseAuthMethod("basic")
        try form.chooseAuthMethod("basic")
        let error = #expect(throws: AuthMethodError.self) { try form.chooseAuthMethod("api_key") }
        #expect(error == .kept("basic", connector: "acme"))
        #expect(error?.hints == ["to change the auth method, run `lakeflow-auth acme`"])
        #expect(form.authMethod?.name == "basic")
    }

    @Test func aPostOfOtherFieldsChangesNothing() throws {
        var form = Form(spec: Self.spec).askingOnlyForSecrets()
        try form.chooseAuthMethod("api_key")
        form.set("region", "eu")
        form.set("api_key", "old-key")
        form.take(["region": "us", "api_key": "new-key"])
        #expect(form.values["region"] == "eu" && form.values["api_key"] == "new-key")
    }
}
