import LakeflowAuthCore
import Testing

/// fhir and odata keep the chosen auth method in an `auth_type` option; the choice fills it.
struct MethodRecordTests {
    static let text = """
        connection:
          auth_methods:
            - name: client_secret
              parameters:
                - name: client_secret
                  required: true
            - name: none
              parameters: []
            - name: oauth
              parameters: []
          parameters:
            - name: base_url
              required: true
            - name: auth_type
              required: true
              description: Must be one of "client_secret", or "none". Omit for OAuth.

        """

    @Test func theChosenMethodFillsAuthTypeWhichIsNotAsked() throws {
        var form = Form(spec: try SpecLoader.load(text: Self.text, path: "fhir.yaml"))
        try form.chooseAuthMethod("none")
        #expect(form.fields.map(\.name) == ["base_url"])
        form.set("base_url", "https://hapi.example/fhir")
        let credentials = try form.validate()
        #expect(credentials["auth_type"] == .string("none"))
    }

    @Test func aMethodTheDescriptionDoesNotNameLeavesItAsked() throws {
        var form = Form(spec: try SpecLoader.load(text: Self.text, path: "fhir.yaml"))
        try form.chooseAuthMethod("oauth")
        #expect(form.fields.map(\.name) == ["base_url", "auth_type"])
    }

    /// Before a method is chosen no front end asks for it as free text: a method will fill it.
    @Test func itIsHiddenUntilAMethodIsChosen() throws {
        let form = Form(spec: try SpecLoader.load(text: Self.text, path: "fhir.yaml"))
        #expect(form.needsAuthMethod)
        #expect(form.fields.map(\.name) == ["base_url"])
        #expect(form.fieldStates.map(\.option.name) == ["base_url"])
    }

    @Test func headlessFillsItToo() throws {
        let spec = try SpecLoader.load(text: Self.text, path: "fhir.yaml")
        let credentials = try HeadlessForm.credentials(
            spec: spec, environment: ["FHIR_BASE_URL": "https://hapi.example/fhir", "FHIR_CLIENT_SECRET": "s"], authMethod: "client_secret")
        #expect(credentials["auth_type"] == .string("client_secret"))
    }
}
