import LakeflowAuthCore
import Testing

struct NameSuggestionTests {
    static let known = ["acme", "github", "hubspot", "zendesk", "zoho_crm", "fhir", "odata"]

    @Test(arguments: [("gthub", ["github"]), ("gtihub", ["github"]), ("Zendesk", ["zendesk"]), ("hubspto", ["hubspot"]),
                      ("zoho", []), ("salesforce", []), ("acm", ["acme"])])
    func closeNamesOnly(typed: String, expected: [String]) {
        #expect(NameSuggestion.closest(to: typed, among: Self.known) == expected)
    }
}
