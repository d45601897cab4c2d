/// A `probe:` mapping as declared: spec-wide, or an auth method's overrides of it.
struct ProbeDeclaration {
    var method: String?
    var url: (Template, SpecNode)?
    /// The auth, and the node of each of its templates (in `templates` order) for pointing at a bad one.
    var auth: (ProbeSpec.Auth, [SpecNode])?
    var expect: [Int]?
    var identity: String?
    let node: SpecNode

    static let keys = ["method", "url", "auth", "expect", "identity"]
    static let methods = ["GET", "POST", "HEAD"]

    init(_ node: SpecNode) throws {
        self.node = node
        let fields = try node.mapping("probe")
        try fields.rejectUnknownKeys(allowed: Self.keys, in: "probe")
        if let methodNode = fields["method"] {
            let method = try methodNode.string("probe.method").uppercased()
            guard Self.methods.contains(method) else {
                throw methodNode.error("probe.method must be one of \(Self.methods.joined(separator: ", "))")
            }
            self.method = method
        }
        if let urlNode = fields["url"] { url = (try Self.template(urlNode, "probe.url"), urlNode) }
        if let authNode = fields["auth"] { auth = try Self.auth(authNode) }
        if let expectNode = fields["expect"] {
            let items = try expectNode.sequence("probe.expect")
            expect = try items.map { item in
                let status = try item.int("an expected status")
                guard (100...599).contains(status) else { throw item.error("\(status) is not an HTTP status") }
                return status
            }
            guard !(expect ?? []).isEmpty else { throw expectNode.error("probe.expect lists no status", hint: "e.g. expect: [200]") }
        }
        if let identityNode = fields["identity"] {
            let pointer = try identityNode.string("probe.identity")
            guard pointer.hasPrefix("/") else {
                throw identityNode.error("probe.identity must be a JSON pointer starting with '/', like /name")
            }
            identity = pointer
        }
    }

    /// This declaration with `override`'s keys taking precedence.
    func merged(with override: ProbeDeclaration?) -> ProbeDeclaration {
        guard let override else { return self }
        var result = self
        result.method = override.method ?? method
        result.url = override.url ?? url
        result.auth = override.auth ?? auth
        result.expect = override.expect ?? expect
        result.identity = override.identity ?? identity
        return result
    }

    /// The usable probe, once every placeholder names an option this method has.
    func resolve(options: [ConnectorOption], method methodName: String?) throws -> ProbeSpec {
        guard let (url, urlNode) = url else {
            throw node.error("probe has no url", hint: "add url: \"{base_url}/v1/me\" or similar")
        }
        let names = Set(options.map(\.name))
        let scope = methodName.map { "auth method \"\($0)\"" } ?? "this spec"
        for (template, templateNode) in [(url, urlNode)] + Array(zip(auth?.0.templates ?? [], auth?.1 ?? [])) {
            for placeholder in template.placeholders where !names.contains(placeholder) {
                throw templateNode.error(
                    "probe names {\(placeholder)}, which is not an option of \(scope)",
                    hint: "declare \(placeholder) as an option, or use one of: \(options.map(\.name).joined(separator: ", "))")
            }
        }
        return ProbeSpec(method: method ?? "GET", url: url, auth: auth?.0 ?? .none,
                         expectedStatuses: expect ?? [200], identityPointer: identity)
    }

    static func template(_ node: SpecNode, _ what: String) throws -> Template {
        do {
            return try Template(try node.string(what))
        } catch let malformed as Template.Malformed {
            throw node.error("\(what) \(malformed.problem)", hint: "placeholders are option names in braces, like {api_key}")
        }
    }

    /// An `auth` mapping, of a probe or of a check's request (`what` names it in messages). A check's
    /// header or query name may be a template (odata's `{api_key_header}`), checked once filled.
    static func auth(_ node: SpecNode, what: String = "probe.auth", templateNames: Bool = false) throws -> (ProbeSpec.Auth, [SpecNode]) {
        let fields = try node.mapping(what)
        let typeNode = try fields.required("type", in: what)
        var templateNodes: [SpecNode] = []
        func field(_ key: String) throws -> Template {
            let fieldNode = try fields.required(key, in: what)
            templateNodes.append(fieldNode)
            return try template(fieldNode, "\(what).\(key)")
        }
        func name() throws -> String {
            let nameNode = try fields.required("name", in: what)
            let name = try nameNode.string("\(what).name")
            if templateNames, let template = try? Template(name), !template.placeholders.isEmpty,
               template.parts.allSatisfy({ if case let .literal(text) = $0 { return HTTPHeaderName.isValid(text) } else { return true } }) {
                templateNodes.append(nameNode)
                return name
            }
            guard HTTPHeaderName.isValid(name) else {
                throw nameNode.error("\(what).name \"\(TerminalText.excerpt(name))\" is not an HTTP header or query name",
                                     hint: "use letters, digits and - _ . ! # $ % & ' * + ^ ` | ~, like X-Api-Key")
            }
            return name
        }
        let type = try typeNode.string("\(what).type")
        let auth: ProbeSpec.Auth
        let keys: [String]
        switch type {
        case "none": auth = .none; keys = []
        case "bearer": auth = .bearer(token: try field("token")); keys = ["token"]
        case "basic": auth = .basic(username: try field("username"), password: try field("password")); keys = ["username", "password"]
        case "header": auth = .header(name: try name(), value: try field("value")); keys = ["name", "value"]
        case "query": auth = .query(name: try name(), value: try field("value")); keys = ["name", "value"]
        default:
            throw typeNode.error("\(what).type \"\(TerminalText.excerpt(type))\" is not known",
                                 hint: "use one of: bearer, basic, header, query, none")
        }
        try fields.rejectUnknownKeys(allowed: ["type"] + keys, in: "\(what) (\(type))")
        return (auth, templateNodes)
    }
}
