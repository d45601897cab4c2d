import AcmeSandbox
import Foundation
import Testing

@Suite struct ProbeTests {
    let client = Client()

    @Test func bearerKeyIdentifiesTheAccount() async throws {
        try await withServer { _, url in
            let response = try await client.send(url.probe(), auth: .bearer("acme-demo-key-0001"))
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.json?["name"] == "Demo Analyst")
            #expect(response.json?["id"]?.isEmpty == false)
        }
    }

    @Test func basicCredentialsIdentifyTheSameAccountWithTheSameID() async throws {
        try await withServer { _, url in
            let basic = try await client.send(url.probe(), auth: .basic("demo", "demo-password"))
            let bearer = try await client.send(url.probe(), auth: .bearer("acme-demo-key-0001"))
            #expect(basic.status == 200)
            #expect(basic.json?["name"] == "Demo Analyst")
            #expect(basic.json?["id"] == bearer.json?["id"])
        }
    }

    @Test func idIsStableAcrossServers() async throws {
        let first = try await withServer { _, url in try await client.send(url.probe(), auth: .bearer("acme-demo-key-0001")) }
        let second = try await withServer { _, url in try await client.send(url.probe(), auth: .bearer("acme-demo-key-0001")) }
        #expect(first.json?["id"] == second.json?["id"])
    }

    @Test(arguments: [
        Client.Auth.none,
        .bearer("acme-demo-key-0002"),
        .bearer("acme-demo-key-000"),
        .basic("demo", "wrong-password"),
        .basic("nobody", "demo-password"),
        .basic("demo", ""),
        .raw("Bearer"),
        .raw("Basic not-base64!"),
        .raw("Basic " + Data("no-colon".utf8).base64EncodedString()),
        .raw("Token acme-demo-key-0001"),
    ])
    func wrongOrMissingCredentialsAre401(auth: Client.Auth) async throws {
        try await withServer { _, url in
            let response = try await client.send(url.probe(), auth: auth)
            #expect(response.status == 401)
            #expect(response.json?["name"] == nil)
        }
    }

    @Test func knownButUnpermittedKeyIs403() async throws {
        try await withServer { _, url in
            let response = try await client.send(url.probe(), auth: .bearer("acme-demo-readonly"))
            #expect(response.status == 403)
            #expect(response.json == ["error": "forbidden"])
        }
    }

    @Test func unpermittedUserIs403() async throws {
        let configuration = AcmeSandboxConfiguration(workspaces: [
            .init(slug: "w", users: [.init(username: "u", password: "p", accountName: "U", permitted: false)]),
        ])
        try await withServer(configuration) { _, url in
            let status = try await client.send(url.probe("w"), auth: .basic("u", "p")).status
            #expect(status == 403)
        }
    }

    @Test func unknownWorkspaceIs404() async throws {
        try await withServer { _, url in
            let response = try await client.send(url.probe("elsewhere"), auth: .bearer("acme-demo-key-0001"))
            #expect(response.status == 404)
            #expect(response.json == ["error": "workspace not found"])
        }
    }

    @Test(arguments: ["/", "/v1/workspaces/demo-workspace", "/v1/workspaces/demo-workspace/me/extra", "/v2/workspaces/demo-workspace/me"])
    func otherPathsAre404(path: String) async throws {
        try await withServer { _, url in
            let target = try #require(URL(string: url.absoluteString + path))
            let status = try await client.send(target, auth: .bearer("acme-demo-key-0001")).status
            #expect(status == 404)
        }
    }

    @Test(arguments: ["POST", "PUT", "DELETE"])
    func otherMethodsAre405(method: String) async throws {
        try await withServer { _, url in
            let body = method == "DELETE" ? nil : Data(#"{"x":1}"#.utf8)
            let response = try await client.send(url.probe(), method: method, auth: .bearer("acme-demo-key-0001"), body: body)
            #expect(response.status == 405)
            #expect(response.header("Allow") == "GET")
        }
    }
}
