import Foundation
@testable import LakeflowAuthCore
import LoopbackHTTP

/// Replays a fixture's case as specs/checks/README.md ("Tests") says: against a recording server on
/// 127.0.0.1 when the case has one (each request recorded and compared, the result and identity
/// checked), else as a dry run (the plan's requests compared). Both go through what the tool runs:
/// the form's validation, the OAuth flow where the spec's block serves the method, the engine.
enum CheckFixtureReplay {
    /// Not compared: set by the HTTP client or the transport, not by the check. An `Accept: */*` is
    /// every client's when the check names none (Python's requests sends it too); a `User-Agent` is
    /// compared only where the case names the connector's own.
    static let ignoredHeaders: Set<String> = ["host", "content-length", "accept-encoding", "expect"]

    /// What differs from the case, one line each; empty when the case holds.
    static func replay(_ fixtureCase: CheckFixture.Case, spec: ConnectorSpec) async throws -> [String] {
        guard fixtureCase.usesLoopback else {
            let credentials = try credentials(fixtureCase, spec: spec, loopback: nil)
            let plan = try CheckPlan.make(credentials, spec: spec, reveal: true)
            let planned = plan.requests.map { request in
                let isForm = request.headers.contains { $0.0 == "Content-Type" && $0.1 == "application/x-www-form-urlencoded" }
                return CheckFixture.Request(method: request.method, url: request.url, headers: request.headers,
                                            form: isForm ? request.body.map(formFields) : nil, json: isForm ? nil : request.body)
            }
            return compare(fixtureCase.requests, planned, loopback: nil)
        }
        let server = RecordingServer(answers: fixtureCase.answers)
        let base = try await server.start().absoluteString
        let result: (name: String, identity: String?)
        let flowEndpoint: String?
        do {
            let credentials = try credentials(fixtureCase, spec: spec, loopback: base)
            // The flow's token request is the first of the check's, and must stay on this machine.
            flowEndpoint = try OAuthAuthorization(presenter: nil).plannedTokenRequest(credentials, spec: spec)?.url.absoluteString
            if let flowEndpoint, !flowEndpoint.hasPrefix(base) {
                await server.stop()
                return ["the OAuth flow's token request would go to \(flowEndpoint): set token_url: \"{loopback}/…\" in the case's values"]
            }
            result = try await run(credentials, spec: spec)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
        let sent = server.requests.map { request in
            let json = request.header("content-type")?.hasPrefix("application/json") == true ? try? JSONParser.parse(request.body) : nil
            return CheckFixture.Request(method: request.method, url: base + request.path + (request.rawQuery.map { "?" + $0 } ?? ""),
                                        headers: request.headers.map { ($0.name, $0.value) },
                                        form: request.formFields.map { $0.map { ($0.name, $0.value) } }, json: json,
                                        body: request.body.isEmpty || request.formFields != nil || json != nil ? nil
                                            : String(decoding: request.body, as: UTF8.self))
        }
        var problems = compare(fixtureCase.requests, sent, loopback: base)
        if let expected = fixtureCase.result, expected != result.name {
            problems.append("result: expected \(expected), got \(result.name)")
        }
        if fixtureCase.identity != result.identity, fixtureCase.identity != nil || fixtureCase.result == "verified" {
            problems.append("identity: expected \(fixtureCase.identity ?? "none"), got \(result.identity ?? "none")")
        }
        return problems
    }

    /// The case's values through the form, as a person would give them.
    static func credentials(_ fixtureCase: CheckFixture.Case, spec: ConnectorSpec, loopback: String?) throws -> Credentials {
        var form = Form(spec: spec)
        if let method = fixtureCase.method { try form.chooseAuthMethod(method) }
        // The option that records the method is the form's to fill (`methodRecord`), not the case's.
        let record = spec.methodRecord(for: form.authMethod)?.name
        for (name, value) in fixtureCase.values where !(name == record && value == form.authMethod?.name) {
            form.set(name, loopback.map { value.replacingOccurrences(of: CheckFixture.loopbackMark, with: $0) } ?? value)
        }
        if let option = fixtureCase.loopback, let loopback { form.set(option, loopback) }
        return try form.validate()
    }

    /// The check as a setup runs it: the OAuth flow first where it applies, then the check.
    static func run(_ credentials: Credentials, spec: ConnectorSpec) async throws -> (name: String, identity: String?) {
        let authorization = OAuthAuthorization(presenter: nil, probeTimeout: .seconds(5))
        let result: ProbeResult
        do {
            if let grant = try await authorization.authorize(credentials, spec: spec) {
                result = try await authorization.check(grant, spec: spec)
            } else {
                result = try await ProbeClient().probe(credentials, spec: spec, timeout: .seconds(5))
            }
        } catch let error as OAuthError {
            return (name(error.exitStatus), nil)
        }
        return (result.isVerified ? "verified" : name(result.exitStatus), result.identity)
    }

    private static func name(_ status: ExitStatus) -> String {
        switch status {
        case .success: return "unverified"
        case .rejected: return "rejected"
        case .unreachable: return "unreachable"
        default: return "exit \(status.rawValue)"
        }
    }

    private static func formFields(_ body: JSONValue) -> [(String, String)] {
        guard case let .object(members) = body else { return [] }
        return members.map { ($0.0, $0.1.plainText) }
    }

    static func compare(_ expected: [CheckFixture.Request], _ actual: [CheckFixture.Request], loopback: String?) -> [String] {
        func filled(_ text: String) -> String {
            loopback.map { text.replacingOccurrences(of: CheckFixture.loopbackMark, with: $0) } ?? text
        }
        var problems: [String] = []
        if expected.count != actual.count {
            problems.append("expected \(expected.count) requests, got \(actual.count): \(actual.map(\.description))")
        }
        for (index, (want, got)) in zip(expected, actual).enumerated() {
            let which = "request \(index + 1)"
            if want.method != got.method { problems.append("\(which): method \(got.method), expected \(want.method)") }
            if !matches(filled(want.url), got.url) { problems.append("\(which): url \(got.url), expected \(filled(want.url))") }
            let hasBody = got.form != nil || got.json != nil || got.body != nil
            let wantsAccept = want.headers.contains { $0.0.lowercased() == "accept" }
            let wantsAgent = want.headers.contains { $0.0.lowercased() == "user-agent" }
            let gotHeaders = got.headers.filter { name, value in
                let name = name.lowercased()
                return !ignoredHeaders.contains(name) && !(hasBody && name == "content-type") && !(!wantsAccept && name == "accept" && value == "*/*")
                    && !(!wantsAgent && name == "user-agent")
            }
            let wantHeaders = want.headers.filter { !(hasBody && $0.0.lowercased() == "content-type") }
            if !sameFields(wantHeaders.map { ($0.0.lowercased(), filled($0.1)) }, gotHeaders.map { ($0.0.lowercased(), $0.1) }) {
                problems.append("\(which): headers \(gotHeaders), expected \(wantHeaders)")
            }
            // A body written as text is compared as the form fields it encodes, or as it is.
            let wantForm = want.form ?? want.body.flatMap { got.form == nil ? nil : FormURLEncoded.decode(Array($0.utf8))?.map { ($0.name, $0.value) } }
            if let form = wantForm, !sameFields(form.map { ($0.0, filled($0.1)) }, got.form ?? []) {
                problems.append("\(which): form \(got.form ?? []), expected \(form)")
            }
            if let text = want.body, wantForm == nil, got.body != text, got.json.map({ (try? JSONParser.parse(Array(text.utf8))) != $0 }) ?? true {
                problems.append("\(which): body \(got.body ?? got.json?.serialized() ?? "none"), expected \(text)")
            }
            if wantForm == nil, want.body == nil, got.form != nil { problems.append("\(which): an unexpected form body \(got.form ?? [])") }
            if let json = want.json, !(got.json.map { matches(json, $0) } ?? false) {
                problems.append("\(which): json \(got.json?.serialized() ?? "none"), expected \(json.serialized())")
            }
            if want.json == nil, want.body == nil, let json = got.json { problems.append("\(which): an unexpected JSON body \(json.serialized())") }
        }
        return problems
    }

    /// The same names with matching values, in any order; `*` matches any value.
    private static func sameFields(_ expected: [(String, String)], _ actual: [(String, String)]) -> Bool {
        expected.count == actual.count && expected.allSatisfy { name, value in
            actual.contains { $0.0 == name && matches(value, $0.1) }
        }
    }

    private static func matches(_ expected: String, _ actual: String) -> Bool {
        expected == "*" || expected == actual
    }

    private static func matches(_ expected: JSONValue, _ actual: JSONValue) -> Bool {
        switch (expected, actual) {
        case (.string("*"), _): return true
        case let (.object(want), .object(got)):
            return want.count == got.count && want.allSatisfy { name, value in got.contains { $0.0 == name && matches(value, $0.1) } }
        case let (.array(want), .array(got)):
            return want.count == got.count && zip(want, got).allSatisfy { matches($0, $1) }
        default:
            return expected == actual
        }
    }
}
