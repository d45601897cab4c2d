import AcmeSandbox
import Foundation
import LakeflowAuthBrowser
import LakeflowAuthCore
import LoopbackHTTP
import RawHTTP
import Testing

/// A browser form served in this process against the Acme sandbox, with a store in a temporary home:
/// what the hostile requests are sent to.
final class RunningForm: Sendable {
    let link: URL
    let port: Int
    let token: String
    let home: String
    let sandbox: AcmeSandboxServer
    let run: Task<SavedSetup, Error>

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func acmeSpec(baseURL: URL) throws -> ConnectorSpec {
        var spec = try SpecLoader.load(path: packageRoot.appendingPathComponent("specs/acme/options.yaml").path, connector: "acme")
        spec.setDefault(baseURL.absoluteString, for: "base_url")
        return spec
    }

    /// Starts the sandbox and the form; `spec` defaults to Acme aimed at the sandbox, `check` to its probe
    /// within `probeTimeout`.
    /// With `identityPassphrase`, the store's identity is made protected by it first, and the page asks for it.
    static func start(spec: ConnectorSpec? = nil, sandbox configuration: AcmeSandboxConfiguration = .demo,
                      idleTimeout: Duration = .seconds(60), probeTimeout: Duration = .seconds(10), check: SetupSession.Check? = nil,
                      identityPassphrase: String? = nil) async throws -> RunningForm {
        let sandbox = AcmeSandboxServer(configuration: configuration)
        let sandboxURL = try await sandbox.start()
        var template = Array((NSTemporaryDirectory() + "/lakeflow-browser-XXXXXX").utf8CString)
        let home = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        let environment = ["LAKEFLOW_AUTH_HOME": home + "/home"]
        if let identityPassphrase {
            // A light work factor: scrypt at the default holds a thread of the shared pool for seconds.
            _ = try IdentityKeeper(location: StoreLocation(environment: environment), passphrase: identityPassphrase, workFactor: 10).load()
        }
        let spec = try spec ?? acmeSpec(baseURL: sandboxURL)
        var plan = SetupPlan(spec: spec, environment: environment, authMethod: nil, checks: true, checkTimeout: probeTimeout)
        if let check { plan.check = check }
        let (links, announced) = AsyncStream<URL>.makeStream()
        let run = Task { [plan] in
            try await BrowserForm.run(plan: plan, options: BrowserFormOptions(opensBrowser: false, idleTimeout: idleTimeout)) {
                announced.yield($0)
            }
        }
        var iterator = links.makeAsyncIterator()
        let link = try #require(await iterator.next())
        let token = try #require(link.query?.split(separator: "=").last.map(String.init))
        return RunningForm(link: link, port: try #require(link.port), token: token, home: home, sandbox: sandbox, run: run)
    }

    private init(link: URL, port: Int, token: String, home: String, sandbox: AcmeSandboxServer, run: Task<SavedSetup, Error>) {
        self.link = link
        self.port = port
        self.token = token
        self.home = home
        self.sandbox = sandbox
        self.run = run
    }

    func stop() async {
        run.cancel()
        _ = await run.result
        await sandbox.stop()
        try? FileManager.default.removeItem(atPath: home)
    }

    var host: String { "127.0.0.1:\(port)" }
    var origin: String { "http://\(host)" }

    func send(_ method: String = "GET", _ target: String = "/", headers: [(String, String)], body: [UInt8] = []) throws -> RawHTTP.Response {
        try RawHTTP.exchange(port: port, RawHTTP.request(method, target, headers: headers, body: body))
    }

    /// Trades the token for the session cookie, as the browser does on its first visit.
    func logIn() throws -> Session {
        let response = try send(headers: [("Host", host)], target: "/?token=\(token)")
        let setCookie = try #require(response.header("set-cookie"))
        let cookie = String(try #require(setCookie.split(separator: ";").first))
        let page = try send(headers: [("Host", host), ("Cookie", cookie)])
        return Session(cookie: cookie, csrfToken: try #require(Self.csrfToken(in: page.body)))
    }

    struct Session {
        let cookie: String
        let csrfToken: String
    }

    /// A post as the form's own page makes it.
    func post(_ session: Session, _ fields: [(String, String)], headers: [(String, String)]? = nil) throws -> RawHTTP.Response {
        let body = FormURLEncoded.encode([("csrf_token", session.csrfToken)] + fields)
        return try send("POST", headers: headers ?? [
            ("Host", host), ("Cookie", session.cookie), ("Origin", origin),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ], body: body)
    }

    /// `post`, on a thread of its own, for a post whose answer waits (a submit during a check): its
    /// blocking read must not hold one of the few threads the form and its session run on, or a second
    /// blocking request from the test starves them.
    func postOnThread(_ session: Session, _ fields: [(String, String)]) async throws -> RawHTTP.Response {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try self.post(session, fields) }) }.start()
        }
    }

    func page(_ session: Session) throws -> String {
        try send(headers: [("Host", host), ("Cookie", session.cookie)]).body
    }

    /// Polls the page until it shows a check under way (its status not hidden); the page then.
    func waitForCheckInFlight(_ session: Session, timeout: Duration = .seconds(20)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            let page = try self.page(session)
            if page.contains(#"<p class="checking" id="checking" role="status">"#) { return page }
            guard ContinuousClock.now < deadline else { throw TimedOut(waitingFor: "a check under way", page: page) }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Stored credentials, or nil when nothing was saved; `passphrase` opens a protected identity.
    func stored(passphrase: String? = nil) -> CredentialEnvelope? {
        var environment = ["LAKEFLOW_AUTH_HOME": home + "/home"]
        environment[IdentityKeeper.passphraseVariable] = passphrase
        let store = CredentialStore(environment: environment)
        guard store.hasStored("acme") else { return nil }
        return try? store.open("acme")
    }

    var stored: CredentialEnvelope? { stored() }

    static func csrfToken(in page: String) -> String? {
        guard let range = page.range(of: #"name="csrf_token" value=""#) else { return nil }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }
}

/// A wait for the form that ran out, with the page it last saw.
struct TimedOut: Error, CustomStringConvertible {
    let waitingFor: String
    let page: String
    var description: String { "timed out waiting for \(waitingFor); the page:\n\(page)" }
}

private extension RunningForm {
    func send(headers: [(String, String)], target: String) throws -> RawHTTP.Response {
        try send("GET", target, headers: headers)
    }
}
