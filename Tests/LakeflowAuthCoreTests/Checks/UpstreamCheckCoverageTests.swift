import SharedCorpus
import Foundation
@testable import LakeflowAuthCore
import Testing

/// Issue 18's promise, against upstream's own specs (`../shared/connector-specs`): every connector
/// of lakeflow-community-connectors but its `example` template has built-in check knowledge for
/// each of its auth methods (requests, or a one-line reason none can tell) and, where its spec has a
/// `connection.oauth` block, says how the connector's token exchange places the client credentials.
struct UpstreamCheckCoverageTests {
    /// Upstream's template connector, which no one connects to.
    static let template = "example"

    static var connectors: [String] {
        (SharedCorpus.connectorSpecs.specNames).filter { $0 != template }
    }

    @Test(SharedCorpus.connectorSpecs.required)
    func everyUpstreamConnectorHasABuiltInCheck() {
        #expect(Self.connectors.count == 28, "upstream's connectors: \(Self.connectors)")
        #expect(Self.connectors == BuiltInChecks.names.filter { Self.connectors.contains($0) })
        #expect(Set(Self.connectors) == Set(BuiltInChecks.names), "a check without an upstream spec, or the reverse")
    }

    @Test(SharedCorpus.connectorSpecs.required, arguments: connectors)
    func everyMethodAndOAuthBlockIsCovered(connector: String) throws {
        let spec = try ResolvedSpec(connector: connector, path: SharedCorpus.connectorSpecs.spec(connector), source: .file).load()
        #expect(spec.warnings.isEmpty, "\(connector): \(spec.warnings.map(\.message))")
        let checks = try #require(spec.builtInChecks, "\(connector): no built-in check applies to upstream's spec")
        if spec.authMethods.isEmpty {
            if let select = checks.select {
                #expect(!checks.entries.isEmpty && spec.option(named: select) != nil, "\(connector): select \(select)")
                if let fallback = checks.defaultEntry { #expect(checks.entry(fallback) != nil, "\(connector): default_method") }
            } else {
                #expect(spec.check(for: nil) != nil, "\(connector): no check")
            }
        }
        for method in spec.authMethods {
            let check = try #require(spec.check(for: method), "\(connector): no check for method \(method.name)")
            if let reason = check.noCheckReason {
                #expect(!reason.isEmpty && !reason.contains("\n"), "\(connector) \(method.name)")
            } else {
                #expect(!check.requests.isEmpty, "\(connector) \(method.name)")
            }
        }
        if spec.oauth != nil {
            #expect(spec.oauthExchange?.clientAuth != nil,
                    "\(connector): its spec has connection.oauth; say where the client credentials go (oauth: client_auth)")
        }
    }

    /// `connectors` summarises each check in a few words; requests sent only with or without a value
    /// are alternatives, one of them sent, not one after the other.
    @Test(SharedCorpus.connectorSpecs.required)
    func theSummaryNamesAlternativesOnce() throws {
        let mixpanel = try ResolvedSpec(connector: "mixpanel", path: SharedCorpus.connectorSpecs.spec("mixpanel"), source: .file).load()
        #expect(CheckSummary.rows(mixpanel).map(\.check) == ["GET {export_url}", "GET {export_url}"])
        let zoho = try ResolvedSpec(connector: "zoho_crm", path: SharedCorpus.connectorSpecs.spec("zoho_crm"), source: .file).load()
        #expect(CheckSummary.rows(zoho).map(\.check) == ["oauth token, then token, then GET /crm/v8/settings/modules"])
    }

    /// README.md's table ("How each connector is checked") has a row for each method of each file.
    @Test func theReadmeTableListsEveryCheck() throws {
        let readme = try String(contentsOfFile: PackagePaths.root.appendingPathComponent("README.md").path, encoding: .utf8)
        var rows: [(connector: String, method: String)] = []
        var connector = ""
        for line in readme.split(separator: "\n") where line.hasPrefix("| ") && !line.hasPrefix("| Connector") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count > 3 else { continue }
            if !cells[1].isEmpty { connector = cells[1] }
            rows.append((connector, cells[2]))
        }
        for name in BuiltInChecks.names {
            let file = try #require(try CheckLayer.file(for: name))
            let prefix = file.select.map { "\($0)=" } ?? ""
            let methods = file.methods.isEmpty ? ["—"] : file.methods.map { prefix + $0.0 }
            #expect(rows.filter { $0.connector == name }.map(\.method) == methods, "README.md's row of \(name): run the table again")
        }
    }
}
