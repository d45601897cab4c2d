import AcmeSandbox
import Foundation
@testable import LakeflowAuthCore
import Testing

/// Specs, credentials and sandboxes shared by the probe tests.
enum ProbeFixtures {
    static func spec(_ connector: String) throws -> ConnectorSpec {
        try SpecLoader.load(path: PackagePaths.root.appendingPathComponent("specs/\(connector)/options.yaml").path, connector: connector)
    }

    /// Credentials as a front end would produce them: through the form and its rules.
    static func credentials(_ spec: ConnectorSpec, method: String?, _ values: [String: String]) throws -> Credentials {
        var form = Form(spec: spec)
        if let method { try form.chooseAuthMethod(method) }
        for (option, value) in values { form.set(option, value) }
        return try form.validate()
    }

    /// The first request the credentials' check sends, built as a run builds it, unsent.
    static func firstRequest(_ credentials: Credentials, spec: ConnectorSpec) throws -> ProbeRequest {
        let method = credentials.authMethod.flatMap(spec.authMethod(named:))
        let check = try #require(spec.check(for: method, credentials: credentials))
        var scope = CheckScope(check: check, credentials: credentials, options: spec.formOptions(for: method), flowToken: nil, reveal: true)
        let first = try #require(check.requests.first)
        let prepared = try scope.prepared(first, connector: credentials.connector)
        return try #require(prepared.sent)
    }

    static func acmeKey(_ key: String, baseURL: URL, workspace: String = "demo-workspace") throws -> Credentials {
        try credentials(try spec("acme"), method: "api_key",
                        ["workspace": workspace, "base_url": baseURL.absoluteString, "api_key": key])
    }

    static func acmeUser(_ username: String, _ password: String, baseURL: URL) throws -> Credentials {
        try credentials(try spec("acme"), method: "basic",
                        ["workspace": "demo-workspace", "base_url": baseURL.absoluteString,
                         "username": username, "password": password])
    }

    /// The demo configuration plus one workspace per fault.
    static func configuration(faults: [String: AcmeSandboxConfiguration.Fault]) -> AcmeSandboxConfiguration {
        var configuration = AcmeSandboxConfiguration.demo
        let demo = configuration.workspaces[0]
        for (slug, fault) in faults.sorted(by: { $0.key < $1.key }) {
            configuration.workspaces.append(.init(slug: slug, apiKeys: demo.apiKeys, users: demo.users, fault: fault))
        }
        return configuration
    }

    /// Runs `body` against a started sandbox and always stops it.
    static func withSandbox<T>(_ configuration: AcmeSandboxConfiguration = .demo,
                               _ body: (AcmeSandboxServer, URL) async throws -> T) async throws -> T {
        let server = AcmeSandboxServer(configuration: configuration)
        let url = try await server.start()
        do {
            let value = try await body(server, url)
            await server.stop()
            return value
        } catch {
            await server.stop()
            throw error
        }
    }
}
