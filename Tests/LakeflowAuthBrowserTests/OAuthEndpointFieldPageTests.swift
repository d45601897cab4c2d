import Foundation
@testable import LakeflowAuthBrowser
import LakeflowAuthCore
import SharedCorpus
import Testing

/// The browser form draws an OAuth method's endpoint and scope fields too, prefilled from the spec.
struct OAuthEndpointFieldPageTests {
    @Test(SharedCorpus.connectorSpecs.required)
    func theRealOAuthSpecsPagesHoldTheirEndpointFields() async throws {
        let cases: [(String, String?)] = [("azure_devops", "service_principal"), ("collibra", "service_principal"), ("gmail", nil),
                                          ("google_sheets_docs", nil), ("odata", "oauth"), ("youtube", "oauth"), ("zoho_crm", nil)]
        for (connector, method) in cases {
            let spec = try SpecLoader.load(path: SharedCorpus.connectorSpecs.spec(connector), connector: connector)
            let fields = spec.oauthEndpointFields(for: method.flatMap(spec.authMethod(named:)))
            #expect(connector == "odata" ? fields.isEmpty : !fields.isEmpty, "\(connector)")
            let page = try await FormPageTests.page(spec, method: method)
            for field in fields {
                #expect(page.contains(#"id="\#(field.name)""#), "\(connector): \(field.name)")
            }
            if let declared = spec.oauthConfiguration?.tokenURL {
                // The browser form shows a default as the placeholder; left empty, the default applies.
                #expect(page.contains("placeholder=\"\(declared.replacingOccurrences(of: "&", with: "&amp;"))\""), "\(connector): prefilled")
            }
        }
    }
}
