import FoundationEssentials

/// What a check's placeholders read, while it runs or while a plan is made: the person's values, the
/// layer's defaults (never the spec's, for a built-in check), derived values, the OAuth flow's token
/// and the answers of earlier requests. A plan has no answers: what they would give shows as
/// `{access_token}`, the pointer's last segment.
struct CheckScope {
    enum Answer {
        /// A plan: the request would be sent.
        case pending
        /// The body, when it is JSON, and where the request's host came from.
        case received(JSONValue?, host: String, trusted: Bool)
    }

    let check: ConnectorCheck
    let credentials: Credentials
    /// The options of the method in use, for their types, secrecy and (for a spec's own probe) defaults.
    let options: [ConnectorOption]
    /// The OAuth flow's access token, for a method its flow serves.
    enum FlowToken {
        case value(String)
        /// A plan: the flow would obtain it first.
        case toCome
    }

    /// The OAuth flow's access token: its value, `{access_token}` in a plan, nil where no flow applies.
    let accessToken: CheckValue?
    let reveal: Bool
    let now: Date
    private let requestNames: Set<String>
    private var answers: [String: Answer] = [:]
    private var derived: [String: CheckValue?] = [:]
    /// Every secret read so far, in the forms sent, for the scrubber.
    private(set) var secrets: [String] = []

    init(check: ConnectorCheck, credentials: Credentials, options: [ConnectorOption], flowToken: FlowToken?,
         reveal: Bool, now: Date = Date()) {
        self.check = check
        self.credentials = credentials
        self.options = options
        switch flowToken {
        case let .value(token)?:
            accessToken = .leaf(token, secret: true, origin: .obtained, reveal: reveal)
            secrets.append(token)
        case .toCome?:
            accessToken = .pending(CheckFileReader.accessToken)
        case nil:
            accessToken = nil
        }
        self.reveal = reveal
        self.now = now
        requestNames = Set(check.requests.compactMap(\.name))
    }

    mutating func record(_ name: String?, _ answer: Answer) {
        guard let name else { return }
        answers[name] = answer
        // Values read from answers may change with this one.
        derived = [:]
    }

    /// The first member of an earlier answer that `request` reads in its own templates and that answer
    /// lacks: the request would go without it (a header without its token), so it is not sent.
    /// A derived value's alternatives (`first`) may pass over a missing member; the request's own may not.
    func lackedMember(of request: CheckRequest) -> (request: String, member: String)? {
        for placeholder in request.templates.flatMap(\.placeholders) {
            let (name, pointer) = Template.reference(placeholder)
            guard let pointer, requestNames.contains(name), case let .received(document, _, _)? = answers[name] else { continue }
            if document.flatMap({ JSONPointer.resolve(pointer, in: $0) }).flatMap(Self.text) == nil {
                return (name, Self.lastSegment(pointer))
            }
        }
        return nil
    }

    /// Whether `name` (an option or a derived value) has a value now.
    mutating func hasValue(_ name: String) throws(ProbeRefusal) -> Bool {
        try value(of: name) != nil
    }

    /// The template filled; nil when one of its placeholders has no value.
    mutating func fill(_ template: Template) throws(ProbeRefusal) -> CheckValue? {
        var result = CheckValue(text: "", shown: "", secret: false, pending: false, origin: .checkFile)
        for part in template.parts {
            switch part {
            case let .literal(text):
                result.text += text
                result.shown += text
            case let .placeholder(name):
                guard let value = try value(of: name) else { return nil }
                result.text += value.text
                result.shown += value.shown
                result.secret = result.secret || value.secret
                result.pending = result.pending || value.pending
            }
        }
        result.origin = try hostOrigin(of: template)
        return result
    }

    /// An address: a placeholder at the very start is a whole base address (trailing `/` trimmed, as
    /// the connectors' `rstrip("/")`); every other is percent-encoded, so it cannot end a path segment,
    /// start a query or add a parameter. A spec's own probe also places a `url` option whole, as it did.
    /// A placeholder without a value is left empty, as a probe always did: the address rules then say
    /// what is wrong with the address.
    mutating func fillURL(_ template: Template) throws(ProbeRefusal) -> CheckValue {
        var result = CheckValue(text: "", shown: "", secret: false, pending: false, origin: .checkFile)
        for (index, part) in template.parts.enumerated() {
            switch part {
            case let .literal(text):
                result.text += text
                result.shown += text
            case let .placeholder(name):
                guard let value = try value(of: name) else { continue }
                let whole = index == 0 || (check.source == .spec && options.first { $0.name == name }?.type == .url)
                if whole {
                    var base = value.text
                    while base.hasSuffix("/") { base.removeLast() }
                    var shown = value.shown
                    while shown.hasSuffix("/") { shown.removeLast() }
                    result.text += base
                    result.shown += shown
                } else {
                    let encoded = value.pending ? value.text : PercentEncoding.unreserved(value.text)
                    result.text += encoded
                    result.shown += value.secret && !reveal || value.pending ? value.shown : encoded
                    if value.secret { secrets.append(encoded) }
                }
                // A base address is where the request goes, not what it carries.
                result.secret = result.secret || (value.secret && index != 0)
                result.pending = result.pending || value.pending
            }
        }
        result.origin = try hostOrigin(of: template)
        return result
    }

    /// Where the host of an address built from `template` comes from: the whole base when it starts
    /// with a placeholder, else the weakest of the placeholders between `://` and the path.
    private mutating func hostOrigin(of template: Template) throws(ProbeRefusal) -> CheckValue.Origin {
        if case let .placeholder(name) = template.parts.first {
            return try value(of: name)?.origin ?? .checkFile
        }
        var origin = CheckValue.Origin.checkFile
        for name in ProbeRequest.hostPlaceholders(of: template) {
            if let value = try value(of: name) { origin = origin.weaker(value.origin) }
        }
        return origin
    }

    // MARK: reading one placeholder

    /// `name`, `name/pointer`: a request's answer, the OAuth token, a derived value, or an option.
    mutating func value(of placeholder: String) throws(ProbeRefusal) -> CheckValue? {
        let (name, pointer) = Template.reference(placeholder)
        if let pointer, requestNames.contains(name) {
            switch answers[name] {
            case nil:
                return nil
            case .pending:
                return .pending(Self.lastSegment(pointer))
            case let .received(document, host, trusted):
                guard let document, let member = JSONPointer.resolve(pointer, in: document), let text = Self.text(member) else { return nil }
                return remember(.leaf(text, secret: true, origin: .answer(host: host, trusted: trusted), reveal: reveal))
            }
        }
        guard let whole = try wholeValue(name) else { return nil }
        guard let pointer else { return whole }
        if whole.pending { return .pending(Self.lastSegment(pointer)) }
        guard let document = try? JSONParser.parse(Array(whole.text.utf8)), let member = JSONPointer.resolve(pointer, in: document),
              let text = Self.text(member) else { return nil }
        return remember(.leaf(text, secret: whole.secret, origin: whole.origin, reveal: reveal))
    }

    private mutating func wholeValue(_ name: String) throws(ProbeRefusal) -> CheckValue? {
        if name == CheckFileReader.accessToken, let accessToken { return accessToken }
        if let value = check.context.value(named: name) {
            if let known = derived[name] { return known }
            let computed = try evaluate(value, named: name)
            derived[name] = computed
            return computed
        }
        let option = options.first { $0.name == name }
        let secret = option?.secret == true || check.context.secretOptions.contains(name)
        if let given = credentials[name]?.plainText, !given.isEmpty {
            return remember(.leaf(given, secret: secret, origin: .person, reveal: reveal))
        }
        switch check.source {
        case .builtIn:
            guard let value = check.context.defaults[name], !value.isEmpty else { return nil }
            return .leaf(value, secret: secret, origin: .checkFile, reveal: reveal)
        case .spec:
            guard let value = option?.defaultValue, !value.isEmpty else { return nil }
            return remember(.leaf(value, secret: secret, origin: .spec, reveal: reveal))
        }
    }

    private mutating func evaluate(_ value: DerivedValue, named name: String) throws(ProbeRefusal) -> CheckValue? {
        switch value {
        case let .template(template):
            return try fill(template)
        case let .first(alternatives):
            for alternative in alternatives {
                if let filled = try fill(alternative) { return filled }
            }
            return nil
        case let .choose(subject, cases, otherwise):
            let key = try fill(subject)
            return try fill(optional: cases.first { $0.key == key?.text }?.value ?? otherwise)
        case let .match(subject, pattern, then, otherwise):
            let matched = try fill(subject).map { (try? ValuePattern(pattern))?.matches(in: $0.text) ?? false } ?? false
            return try fill(optional: matched ? then : otherwise)
        case let .split(subject, separator, take):
            guard let whole = try fill(subject) else { return nil }
            if whole.pending { return whole }
            let text: Substring?
            switch take {
            case .last:
                text = whole.text.indices.reversed().first { !separator.isEmpty && whole.text[$0...].hasPrefix(separator) }
                    .map { whole.text[whole.text.index($0, offsetBy: separator.count)...] }
            case .first: text = whole.text.firstRange(of: separator).map { whole.text[..<$0.lowerBound] }
            }
            guard let text, !text.isEmpty else { return nil }
            return remember(.leaf(String(text), secret: whole.secret, origin: whole.origin, reveal: reveal))
        case let .lowercase(subject):
            guard var whole = try fill(subject) else { return nil }
            if whole.pending { return whole }
            whole.text = whole.text.lowercased()
            if !whole.secret || reveal { whole.shown = whole.text }
            return remember(whole)
        case let .json(subject, pointer):
            guard let whole = try fill(subject) else { return nil }
            if whole.pending { return .pending(Self.lastSegment(pointer)) }
            guard let document = try? JSONParser.parse(Array(whole.text.utf8)), let member = JSONPointer.resolve(pointer, in: document),
                  let text = Self.text(member) else { return nil }
            return remember(.leaf(text, secret: whole.secret, origin: whole.origin, reveal: reveal))
        case let .jsonObject(subject):
            guard let whole = try fill(subject) else { return nil }
            if whole.pending { return whole }
            guard let object = JSONObjectText.read(whole.text) else { return nil }
            return remember(.leaf(object, secret: whole.secret, origin: whole.origin, reveal: reveal))
        case let .jwt(jwt):
            return try sign(jwt, named: name)
        }
    }

    private mutating func fill(optional template: Template?) throws(ProbeRefusal) -> CheckValue? {
        guard let template else { return nil }
        return try fill(template)
    }

    private mutating func sign(_ jwt: JWTTemplate, named name: String) throws(ProbeRefusal) -> CheckValue? {
        guard let key = try fill(jwt.key), let algorithmText = try fill(jwt.algorithm) else { return nil }
        let keyOption = keyOption(of: jwt.key)
        guard let algorithm = JWTAlgorithm(rawValue: algorithmText.text) else {
            throw ProbeRefusal(connector: credentials.connector,
                               problem: .badKey(option: keyOption, detail: "asks for algorithm \"\(TerminalText.excerpt(algorithmText.text))\", which a check cannot sign with (use one of \(JWTAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")))"),
                               options: keyOption.map { [$0] } ?? [])
        }
        var header: [(String, JSONValue)] = []
        for (member, template) in jwt.header {
            if let value = try fill(template) { header.append((member, .string(value.text))) }
        }
        var pending = key.pending
        let claims = try jwt.claims.filled { template throws(ProbeRefusal) -> String in
            let value = try fill(template)
            pending = pending || value?.pending == true
            return value?.text ?? ""
        }
        guard case let .object(members) = claims else { return nil }
        if pending { return .pending(name) }
        do {
            let token = try JWTSigner(algorithm: algorithm, pem: key.text)
                .sign(header: header, claims: members, lifetime: jwt.lifetime, additions: jwt.additions, now: now)
            return remember(.leaf(token, secret: true, origin: .checkFile, reveal: reveal))
        } catch {
            throw ProbeRefusal(connector: credentials.connector, problem: .badKey(option: keyOption, detail: error.problem),
                               options: keyOption.map { [$0] } ?? [])
        }
    }

    /// The option a key template reads, through derived values: the one a person must correct.
    private func keyOption(of template: Template) -> String? {
        var seen: Set<String> = []
        func option(_ template: Template) -> String? {
            for placeholder in template.placeholders {
                let name = Template.reference(placeholder).name
                guard seen.insert(name).inserted else { continue }
                if let value = check.context.value(named: name) {
                    // A loop, not a lazy compactMap: that calls `option` twice for what it keeps, and
                    // the second call, finding the name seen, would answer nil.
                    for template in value.templates {
                        if let found = option(template) { return found }
                    }
                } else if !requestNames.contains(name) {
                    return name
                }
            }
            return nil
        }
        return option(template)
    }

    /// A secret in the form it was sent in (percent-encoded in a query or a form), for the scrubber.
    mutating func secretsSent(_ form: String) {
        if !form.isEmpty { secrets.append(form) }
    }

    private mutating func remember(_ value: CheckValue) -> CheckValue {
        if value.secret, !value.pending, !value.text.isEmpty { secrets.append(value.text) }
        return value
    }

    static func lastSegment(_ pointer: String) -> String {
        String(pointer.split(separator: "/").last ?? Substring(pointer))
    }

    private static func text(_ value: JSONValue) -> String? {
        switch value {
        case let .string(text): return text.isEmpty ? nil : text
        case .integer, .number, .bool: return value.plainText
        case .null, .array, .object: return nil
        }
    }
}
