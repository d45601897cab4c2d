import Foundation
import LakeflowAuthCore
import Testing

/// Which auth method headless mode picks, and how it names what is wrong.
struct HeadlessFormTests {
    let spec = try! SpecLoader.load(path: PackagePaths.acmeDeclarations)

    @Test func flagWinsOverEnvVarWinsOverCompleteness() throws {
        let environment = ["ACME_WORKSPACE": "acme-prod", "ACME_API_KEY": "k", "ACME_USERNAME": "u", "ACME_PASSWORD": "p",
                           "ACME_AUTH_METHOD": "basic"]
        #expect(try HeadlessForm.credentials(spec: spec, environment: environment, authMethod: "api_key").authMethod == "api_key")
        #expect(try HeadlessForm.credentials(spec: spec, environment: environment, authMethod: nil).authMethod == "basic")
    }

    @Test func unknownMethodNamesTheChoices() {
        #expect(throws: AuthMethodError.unknown("oauth", connector: "acme", available: ["api_key", "basic"])) {
            try HeadlessForm.credentials(spec: spec, environment: [:], authMethod: "oauth")
        }
    }

    @Test func valuesOfTheOtherMethodAreNotRead() throws {
        let credentials = try HeadlessForm.credentials(
            spec: spec, environment: ["ACME_WORKSPACE": "acme-prod", "ACME_API_KEY": "k", "ACME_USERNAME": "u"], authMethod: "api_key")
        #expect(credentials["username"] == nil)
        #expect(credentials.values.map(\.0) == ["api_key", "workspace", "base_url", "region"])
    }

    @Test func errorsAreNamedByEnvVar() {
        #expect(throws: HeadlessError.invalidValues(["ACME_API_KEY is required", "ACME_WORKSPACE is required"])) {
            try HeadlessForm.credentials(spec: spec, environment: [:], authMethod: "api_key")
        }
    }
}
