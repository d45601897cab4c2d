import Age
import Foundation
import LakeflowAuthCore
import Testing

/// What the envelope gained (the check's verdict and announced expiry, the profile, the connections)
/// is optional: files written before read as they did, and the new members read back as written.
@Suite struct EnvelopeLifecycleMembersTests {
    static func seal(_ text: String, in temp: TemporaryStore) throws {
        let identity = try temp.store().keeper.load()
        try FileManager.default.createDirectory(atPath: temp.location.credentialsFolder, withIntermediateDirectories: true)
        temp.write(try Age.encrypt(Array(text.utf8), to: [identity.recipient]), to: temp.location.credentialPath("acme"))
    }

    @Test(arguments: [(true, 200 as Int?, CheckVerdict.verified), (false, 401, .rejected), (false, 403, .rejected),
                      (false, 503, .unreachable), (false, nil, .unreachable)])
    func anOlderProbeRecordGetsItsVerdictFromItsStatus(ok: Bool, status: Int?, verdict: CheckVerdict) throws {
        let temp = TemporaryStore()
        let code = status.map(String.init) ?? "null"
        try Self.seal(#"{"format":1,"connector":"acme","auth_method":null,"options":{},"saved_at":"2025-01-01T00:00:00Z","probe":{"ok":\#(ok),"status":\#(code),"at":"2025-01-02T00:00:00Z","identity":null}}"#, in: temp)
        let opened = try temp.store().open("acme")
        #expect(opened.profile == "default" && opened.connections.isEmpty)
        #expect(opened.probe?.verdict == verdict)
    }

    @Test func theNewMembersReadBackAsWritten() throws {
        let temp = TemporaryStore()
        var envelope = Sample.envelope(probe: ProbeRecord(ok: false, status: nil, at: Date(timeIntervalSince1970: 1_760_000_000),
                                                          verdict: .rejected, expiresAt: Date(timeIntervalSince1970: 1_770_000_000)))
        envelope.connections = [
            PushedConnection(host: "https://adb-1.example.net", name: "one", pushedAt: Date(timeIntervalSince1970: 1_760_000_100)),
            PushedConnection(host: "http://127.0.0.1:8080", name: "two", pushedAt: nil,
                             comparison: ConnectionComparison(at: Date(timeIntervalSince1970: 1_760_000_200), differs: ["a", "b"])),
        ]
        try temp.store().save(envelope)
        #expect(try temp.store().open("acme") == envelope)
    }

    @Test(arguments: [
        (#""probe":{"ok":false,"status":null,"at":"2025-01-02T00:00:00Z","result":"maybe"}"#, #""probe"."result" is not one of"#),
        (#""probe":{"ok":true,"status":200,"at":"2025-01-02T00:00:00Z","expires_at":"soon"}"#, #""probe"."expires_at" is not"#),
        (#""probe":null,"connections":{}"#, #""connections" is not a list"#),
        (#""probe":null,"connections":[{"host":"h"}]"#, #""connections" holds something other"#),
        (#""probe":null,"profile":"../x""#, #""profile" is not a profile name"#),
    ])
    func aMalformedNewMemberIsNamed(members: String, problem: String) throws {
        let temp = TemporaryStore()
        try Self.seal(#"{"format":1,"connector":"acme","auth_method":null,"options":{},"saved_at":"2025-01-01T00:00:00Z",\#(members)}"#,
                      in: temp)
        let error = #expect(throws: StoreError.self) { try temp.store().open("acme") }
        #expect(error?.message.contains(problem) == true, "\(String(describing: error?.message))")
        #expect(error?.exitStatus == .storeFailure)
    }
}
