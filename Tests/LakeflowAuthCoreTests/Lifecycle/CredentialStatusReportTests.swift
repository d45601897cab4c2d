import Foundation
import LakeflowAuthCore
import Testing

/// `status`: the JSON shape scripts read, what is flagged and why, and a table within 100 columns.
@Suite struct CredentialStatusReportTests {
    static let now = Date(timeIntervalSince1970: 1_760_000_000)

    static func summary(_ connector: String = "acme", profile: String = "default", probe: ProbeRecord?,
                        connections: [PushedConnection] = [], oauth: OAuthAccessToken? = nil,
                        refreshToken: Bool = false) -> StoredCredentialSummary {
        var options: [(String, JSONValue)] = [("api_key", .string("sk_live_0123456789abcdef"))]
        if refreshToken { options.append(("refresh_token", .string("rt-0123456789"))) }
        let envelope = CredentialEnvelope(connector: connector, profile: profile, authMethod: "api_key", options: options,
                                          secretOptions: ["api_key"], envVars: nil, savedAt: now.addingTimeInterval(-86_400),
                                          probe: probe, oauth: oauth, connections: connections)
        return StoredCredentialSummary(facts: CredentialFacts(envelope), path: "/store/credentials/\(connector).age")
    }

    static func verified(expiring: Date? = nil) -> ProbeRecord {
        ProbeRecord(ok: true, status: 200, at: now.addingTimeInterval(-3600), identity: "alice", expiresAt: expiring)
    }

    @Test func theJSONHasTheMembersTheIssueNames() throws {
        let pushed = PushedConnection(host: "https://adb-1.example.net", name: "acme_prod", pushedAt: Self.now.addingTimeInterval(-60),
                                      comparison: ConnectionComparison(at: Self.now, differs: ["region"]))
        let text = CredentialStatusReport.json([Self.summary(probe: Self.verified(), connections: [pushed],
                                                             oauth: OAuthAccessToken(token: "at-secret", expiresAt: Self.now),
                                                             refreshToken: true)], now: Self.now)
        let parsed = try JSONParser.parse(Array(text.utf8))
        guard case let .array(objects) = parsed, case let .object(members)? = objects.first else {
            Issue.record("not a list of objects: \(text)")
            return
        }
        #expect(members.map(\.0) == ["connector", "profile", "auth_method", "saved_at", "check", "oauth", "connections", "written_here", "newer_written_here_at", "attention"])
        let object = objects[0]
        #expect(object["check"] == .object([("at", .string("2025-10-09T07:53:20Z")), ("result", .string("verified")),
                                            ("identity", .string("alice")), ("http_status", .integer(200)), ("expires_at", .null)]))
        #expect(object["oauth"] == .object([("access_token_expires_at", .string("2025-10-09T08:53:20Z")), ("refresh_token", .bool(true))]))
        #expect(object["connections"] == .array([.object([
            ("host", .string("https://adb-1.example.net")), ("name", .string("acme_prod")), ("pushed_at", .string("2025-10-09T08:52:20Z")),
            ("in_sync", .bool(false)), ("differs", .array([.string("region")])), ("compared_at", .string("2025-10-09T08:53:20Z")),
        ])]))
        #expect(object["attention"] == .array([.string("connection_differs")]))
        #expect(!text.contains("sk_live") && !text.contains("at-secret") && !text.contains("rt-0123"))
    }

    @Test func whatNeedsAttentionIsFlaggedAndEverythingElseIsNot() {
        func codes(_ summary: StoredCredentialSummary) -> [String] { CredentialAttention.of(summary, now: Self.now).map(\.code) }
        #expect(codes(Self.summary(probe: Self.verified())) == [])
        #expect(codes(Self.summary(probe: Self.verified(expiring: Self.now.addingTimeInterval(8 * 86_400)))) == [])
        #expect(codes(Self.summary(probe: Self.verified(expiring: Self.now.addingTimeInterval(6 * 86_400)))) == ["expiring"])
        #expect(codes(Self.summary(probe: Self.verified(expiring: Self.now.addingTimeInterval(-1)))) == ["expired"])
        #expect(codes(Self.summary(probe: nil)) == ["never_checked"])
        #expect(codes(Self.summary(probe: ProbeRecord(ok: false, status: 401, at: Self.now))) == ["rejected"])
        #expect(codes(Self.summary(probe: ProbeRecord(ok: false, status: nil, at: Self.now))) == [])
        let unreadable = StoredCredentialSummary(name: StoredCredentialName(connector: "acme", profile: "default"), path: "/x",
                                                 contents: .unreadable(.damaged(path: "/x", connector: "acme")))
        #expect(codes(unreadable) == ["unreadable"])
    }

    @Test func theTableFitsAHundredColumnsAndSaysWhatToDo() {
        let long = String(repeating: "very_long_connector_name_", count: 4)
        let summaries = [
            Self.summary(long, profile: "a-profile-name-that-is-long-too", probe: ProbeRecord(ok: false, status: 401, at: Self.now),
                         connections: [PushedConnection(host: "https://adb-1.example.net", name: String(repeating: "c", count: 80),
                                                        pushedAt: Self.now)]),
            Self.summary(probe: Self.verified(expiring: Self.now.addingTimeInterval(2 * 86_400))),
            Self.summary("beta", probe: nil),
        ]
        let text = CredentialStatusReport.text(summaries, now: Self.now)
        let lines = text.split(separator: "\n")
        #expect(lines.prefix(4).allSatisfy { $0.count <= 100 }, "\(lines.map(\.count))")
        #expect(lines.dropFirst(4).allSatisfy { $0.count <= 100 || !$0.dropFirst(2).contains(" ") }, "\(text)")
        #expect(lines[0].contains("CONNECTOR") && lines[0].contains("LAST CHECK") && lines[0].contains("CONNECTIONS"))
        #expect(lines[1].hasPrefix("!  very_long"))
        #expect(lines[2].hasPrefix("!  acme") && lines[2].contains("verified 2025-10-09") && lines[2].contains("alice"))
        let unwrapped = text.replacingOccurrences(of: "\n  ", with: " ")
        #expect(unwrapped.contains("! acme (default): expires in 2 days (2025-10-11T08:53:20Z), as the source announced: run `lakeflow-auth rotate acme`"))
        #expect(unwrapped.contains("! beta (default): never checked: run `lakeflow-auth probe beta`"))
        #expect(unwrapped.contains("(a-profile-name-that-is-long-too): rejected by the source at the last check"))
    }

    @Test func aHealthyStoreHasNoFlagColumn() {
        let text = CredentialStatusReport.text([Self.summary(probe: Self.verified())], now: Self.now)
        #expect(text == """
            CONNECTOR  PROFILE  METHOD   SAVED       LAST CHECK           AS     EXPIRES  CONNECTIONS
            acme       default  api_key  2025-10-08  verified 2025-10-09  alice  -        -

            """)
    }
}

extension StoredCredentialSummary {
    init(facts: CredentialFacts, path: String) {
        self.init(name: facts.name, path: path, contents: .readable(facts))
    }
}
