import FoundationEssentials

/// One run of a check: its requests in order, each sent once (a 401 is never retried: some sources
/// ban an address after a few failed logins), until one does not let it go on or the last answers.
struct CheckRun {
    let check: ConnectorCheck
    let spec: ConnectorSpec
    let method: AuthMethod?
    let credentials: Credentials
    private var scope: CheckScope

    init(check: ConnectorCheck, spec: ConnectorSpec, method: AuthMethod?, credentials: Credentials, accessToken: String?) {
        self.check = check
        self.spec = spec
        self.method = method
        self.credentials = credentials
        scope = CheckScope(check: check, credentials: credentials, options: spec.formOptions(for: method),
                           flowToken: accessToken.map { .value($0) }, reveal: true)
    }

    mutating func result(within timeout: Duration) async throws(ProbeRefusal) -> ProbeResult {
        guard case let .requests(_, expect, identity) = check.body else {
            return .unverified(source: spec.title, authMethod: method?.name)
        }
        let toSend = try scope.requestsToSend()
        let start = ContinuousClock.now
        var identitySource: (pointer: String, document: JSONValue?)?
        var basicPairs: [String] = []
        // What each named request got, to judge an answer a later request finds lacking.
        var judged: [String: (judgement: ProbeJudgement, exchange: ProbeExchange)] = [:]
        // Every secret of the method, sent or not, and what the check reads or obtains on the way.
        let secretOptions = spec.formOptions(for: method).filter { $0.secret || check.context.secretOptions.contains($0.name) }
            .compactMap { credentials[$0.name]?.plainText }
        for (index, request) in toSend.enumerated() {
            if let lacked = scope.lackedMember(of: request), let earlier = judged[lacked.request] {
                return earlier.judgement.resultLacking(lacked.member, in: earlier.exchange)
            }
            let (filled, prepared) = try scope.prepared(request, connector: credentials.connector)
            guard let sent = prepared else { preconditionFailure("a value still to come while the check runs") }
            basicPairs += filled.basicPairs
            let remaining = timeout - (ContinuousClock.now - start)
            var exchange = remaining > .zero
                ? await ProbeSession.send(sent, timeout: remaining, totalTimeout: timeout, responseLimit: ProbeClient.responseLimit)
                : ProbeExchange(failure: .timedOut(seconds: ProbeSession.seconds(timeout)))
            exchange.latency = ContinuousClock.now - start
            let document = try? JSONParser.parse([UInt8](exchange.body))
            let trusted = filled.url.origin == .person
            scope.record(request.name, .received(document, host: sent.origin.host, trusted: trusted))
            if let pointer = request.identity, identitySource == nil { identitySource = (pointer, document) }
            let isLast = index == toSend.count - 1
            let judgement = ProbeJudgement(
                source: spec.title, method: method?.name, request: sent,
                scrubber: SecretScrubber(secrets: secretOptions + scope.secrets, basicPairs: basicPairs),
                responseLimit: ProbeClient.responseLimit, concerned: concerned(request))
            if isLast {
                let pointer = identity ?? identitySource?.pointer
                let identityDocument = identity == nil ? identitySource?.document : document
                return judgement.result(of: exchange, expect: expect, reject: request.reject, identity: pointer.map { ($0, identityDocument) })
            }
            if exchange.failure != nil || !request.expect.contains(exchange.status ?? 0) {
                return judgement.result(of: exchange, expect: request.expect, reject: request.reject, identity: nil)
            }
            if let name = request.name { judged[name] = (judgement, exchange) }
        }
        return .unverified(source: spec.title, authMethod: method?.name)
    }

    /// The options each kind of failure concerns, for the form to mark.
    private func concerned(_ request: CheckRequest) -> ProbeJudgement.Concerned {
        let formOptions = spec.formOptions(for: method)
        let known = Set(formOptions.map(\.name))
        let credentialTemplates = request.auth.templates + request.headers.map(\.1) + request.form.map(\.1) + (request.json?.templates ?? [])
        // What this request carries, and the secrets the whole check reads (a token from an earlier
        // request stands for the client secret that obtained it).
        let inCredentials = Set(check.optionNames(in: credentialTemplates))
        let read = Set(check.optionNames(in: check.requests.flatMap(\.templates)))
        return ProbeJudgement.Concerned(
            rejected: formOptions.filter { inCredentials.contains($0.name) || ($0.secret && read.contains($0.name)) }.map(\.name),
            notFound: check.optionNames(in: [request.url]).filter(known.contains),
            unreachable: check.hostOptions(of: request).filter(known.contains))
    }
}
