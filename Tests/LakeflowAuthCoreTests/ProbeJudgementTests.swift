import Foundation
@testable import LakeflowAuthCore
import Testing

/// How answers are read, without a network: JSON pointers, scrubbing, and the outcomes the
/// sandbox cannot produce.
struct ProbeJudgementTests {
    static let document = try! JSONParser.parse(#"{"a/b": {"m~n": [10, {"name": "x"}]}, "": 1, "zero": 0}"#)

    @Test(arguments: [
        ("/a~1b/m~0n/0", JSONValue.integer(10)),
        ("/a~1b/m~0n/1/name", .string("x")),
        ("/", .integer(1)),
        ("/zero", .integer(0)),
    ])
    func pointersFollowRFC6901(pointer: String, expected: JSONValue) {
        #expect(JSONPointer.resolve(pointer, in: Self.document) == expected)
    }

    @Test(arguments: ["/a/b", "/a~1b/m~0n/01", "/a~1b/m~0n/2", "/a~1b/m~0n/-", "/zero/0", "name"])
    func pointersThatMissFindNothing(pointer: String) {
        #expect(JSONPointer.resolve(pointer, in: Self.document) == nil)
    }

    @Test func scrubberMasksEveryEncodedForm() {
        let scrubber = SecretScrubber(secrets: ["p w/d"], basicPairs: ["ann:p w/d"])
        let echoed = "raw p w/d, pct p%20w%2Fd, form p+w%2Fd, b64 \(Data("p w/d".utf8).base64EncodedString()), "
            + "basic \(Data("ann:p w/d".utf8).base64EncodedString())"
        let scrubbed = scrubber.scrub(echoed)
        #expect(scrubbed == "raw ••••••••, pct ••••••••, form ••••••••, b64 ••••••••, basic ••••••••")
    }

    static func judge(_ exchange: ProbeExchange, identity: String? = "/name", secret: String = "k-123") throws -> ProbeResult {
        let spec = try ProbeFixtures.spec("acme")
        let credentials = Credentials(connector: "acme", authMethod: "api_key", values: [
            ("api_key", .string(secret)), ("workspace", .string("demo")), ("base_url", .string("https://api.acme.example")),
        ])
        let document = try? JSONParser.parse([UInt8](exchange.body))
        return ProbeJudgement(
            source: spec.title, method: "api_key", request: try ProbeFixtures.firstRequest(credentials, spec: spec),
            scrubber: SecretScrubber(secrets: [secret]), responseLimit: 1024,
            concerned: .init(rejected: ["api_key"], notFound: ["base_url", "workspace"], unreachable: ["base_url"])
        ).result(of: exchange, expect: [200], identity: identity.map { ($0, document) })
    }

    @Test func identityIsMadeSafeForATerminal() throws {
        let body = Data(#"{"name": "alice \u001b[2Jevil\u202e"}"#.utf8)
        let result = try Self.judge(ProbeExchange(status: 200, body: body, latency: .milliseconds(12)))
        #expect(result.outcome == .verified)
        #expect(result.identity == "alice [2Jevil")
        #expect(result.message == "connected to Acme as alice [2Jevil (HTTP 200, 12 ms)")
    }

    /// A server that echoes the token back as the name, whole, cut, or with invisible characters
    /// inside it, gets no identity shown or stored.
    @Test(arguments: ["k-123", "me k-123 too", #"k-\u200b123"#, #"k\u00ad-123"#, #"k-\u0000123"#, "ｋ-１２３"])
    func identityHoldingTheSecretIsNotShown(name: String) throws {
        let body = Data(#"{"name": "\#(name)"}"#.utf8)
        let result = try Self.judge(ProbeExchange(status: 200, body: body, latency: .milliseconds(12)))
        #expect(result.outcome == .verified)
        #expect(result.identity == nil)
    }

    /// The server's own explanation is withheld when part of a long secret survives in it, even cut
    /// or split by invisible characters; the whole secret is masked as before.
    @Test func aServerDetailRepeatingPartOfTheSecretIsWithheld() throws {
        let secret = "sk_live_9f8e7d6c5b4a3210"
        for (message, shown) in [("bad key sk_live_9f8e7d6c", nil), (#"bad key sk_li\u200bve_9f8e7d6c5b4a3210"#, "bad key ••••••••"),
                                 ("bad key", "bad key")] as [(String, String?)] {
            let body = Data(#"{"message": "\#(message)"}"#.utf8)
            let result = try Self.judge(ProbeExchange(status: 401, body: body), secret: secret)
            #expect(result.serverDetail == (shown ?? "(withheld: it repeats part of a secret)"), "\(message)")
        }
    }

    /// Over 1 MiB of body does not turn a refusal into "unreachable": the status alone decides.
    @Test(arguments: [(401, ProbeOutcome.rejected), (403, .forbidden), (500, .serverError)])
    func aLongBodyDoesNotHideTheStatus(status: Int, outcome: ProbeOutcome) throws {
        let exchange = ProbeExchange(status: status, body: Data(count: 1024), bodyExceededLimit: true)
        #expect(try Self.judge(exchange).outcome == outcome)
    }

    @Test func numericIdentityIsShownAsText() throws {
        let result = try Self.judge(ProbeExchange(status: 200, body: Data(#"{"name": 62515}"#.utf8)))
        #expect(result.identity == "62515")
    }

    @Test func withoutADeclaredIdentityAnyExpectedAnswerVerifies() throws {
        let result = try Self.judge(ProbeExchange(status: 200, body: Data("<html>".utf8), latency: .milliseconds(3)), identity: nil)
        #expect(result.outcome == .verified)
        #expect(result.message == "connected to Acme (HTTP 200, 3 ms)")
    }

    @Test func oversizedAnswerIsUnexpected() throws {
        let result = try Self.judge(ProbeExchange(status: 200, body: Data(count: 1024), bodyExceededLimit: true))
        #expect(result.outcome == .unexpectedResponse(.tooLarge(limit: 1024)))
        #expect(result.exitStatus == .unreachable)
        #expect(result.message == "unexpected answer from Acme (HTTP 200): the body is larger than 1 KiB")
    }

    @Test func unlistedStatusIsUnexpected() throws {
        let result = try Self.judge(ProbeExchange(status: 418))
        #expect(result.outcome == .unexpectedResponse(.status))
        #expect(result.message == "unexpected answer from Acme (HTTP 418)")
    }

    @Test func retryAfterAsADateIsPassedOnSafely() throws {
        let result = try Self.judge(ProbeExchange(status: 429, retryAfter: "Wed, 21 Oct 2026 07:28:00 GMT\u{7}"))
        #expect(result.message == "rate limited by Acme (HTTP 429): try again after Wed, 21 Oct 2026 07:28:00 GMT")
    }

    @Test func networkFailuresNameTheHostOption() throws {
        let cases: [(ProbeOutcome.NetworkFailure, String)] = [
            (.hostNotFound, "cannot find the host api.acme.example"),
            (.tls, "the secure connection to api.acme.example failed"),
            (.other, "cannot reach api.acme.example"),
        ]
        for (failure, message) in cases {
            let result = try Self.judge(ProbeExchange(failure: failure))
            #expect(result.outcome == .unreachable(failure))
            #expect(result.message == message)
            #expect(result.concernedOptions == ["base_url"])
            #expect(result.exitStatus == .unreachable)
        }
    }
}
