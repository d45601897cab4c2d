@testable import LakeflowAuthCore
import SharedCorpus
import Testing

/// The scopes field names a separator only where the spec's own value shows the provider's: OAuth's
/// spaces, Zoho's commas; of one scope or none it says nothing it cannot know.
struct OAuthScopesDescriptionTests {
    @Test(arguments: [
        ("read:mail read:profile", "The OAuth scopes to ask for, separated by spaces as in the default."),
        ("ZohoCRM.modules.ALL,ZohoCRM.settings.ALL", "The OAuth scopes to ask for, separated by commas as in the default."),
        ("api://service/.default", "The OAuth scopes to ask for."),
        (nil, "The OAuth scopes to ask for."),
    ] as [(String?, String)])
    func theSeparatorIsTheDefaults(_ declared: String?, _ description: String) {
        #expect(ConnectorSpec.scopesDescription(declared: declared) == description)
    }

    @Test func theFieldCarriesIt() throws {
        let codeFlow = try OAuthFixtures.codeFlowSpec()
        #expect(Form(spec: codeFlow).field("scopes")?.description.contains("separated by spaces") == true)
        var service = Form(spec: try OAuthFixtures.clientCredentialsSpec())
        try service.chooseAuthMethod("service_principal")
        #expect(service.field("scopes")?.description == "The OAuth scopes to ask for.")
    }

    @Test(SharedCorpus.connectorSpecs.required)
    func zohoSaysCommas() throws {
        let zoho = try SpecLoader.load(path: SharedCorpus.connectorSpecs.spec("zoho_crm"))
        let scopes = try #require(Form(spec: zoho).field("scopes"))
        #expect(scopes.description.contains("separated by commas"))
        #expect(!scopes.description.contains("spaces"))
    }
}
