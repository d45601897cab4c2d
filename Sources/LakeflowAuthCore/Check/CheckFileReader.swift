/// Reads a file of the built-in check layer with the spec reader's rules: every complaint names
/// `path:line:column`, unknown keys are refused with the nearest known one, no aliases, bounded input.
/// Names that only a spec can answer (is `{org}` an option?) are left to `CheckLayer`.
enum CheckFileReader {
    static let topKeys = ["options", "values", "check", "methods", "select", "default_method", "oauth"]
    static let optionKeys = ["default", "link", "example", "pattern", "secret"]
    static let checkKeys = ["requests", "expect", "identity", "no_check"]
    static let requestKeys = ["name", "method", "url", "auth", "headers", "header_list", "form", "json", "if_set", "if_empty", "expect", "reject", "identity"]
    static let valueForms = ["first", "choose", "match", "split", "lowercase", "json", "json_object", "jwt"]
    static let jwtKeys = ["key", "algorithm", "header", "claims", "lifetime", "add"]
    static let oauthKeys = ["client_auth", "token_params"]

    /// The name that reads the OAuth flow's access token in a method the spec's `connection.oauth` serves.
    static let accessToken = "access_token"

    static func read(text: String, path: String) throws -> CheckFile {
        try read(try SpecDocument.root(ofText: Array(text.utf8), path: path), path: path)
    }

    static func read(_ root: SpecNode, path: String) throws -> CheckFile {
        let top = try root.mapping("the check file")
        try top.rejectUnknownKeys(allowed: topKeys, in: "the check file")
        var file = CheckFile(path: path)
        for pair in try top["options"]?.mapping("options").pairs ?? [] {
            try SpecRules.checkName(pair.key, at: pair.keyNode, what: "option")
            file.options.append((pair.key, try optionHint(pair.value, name: pair.key)))
        }
        for pair in try top["values"]?.mapping("values").pairs ?? [] {
            try SpecRules.checkName(pair.key, at: pair.keyNode, what: "value")
            guard pair.key != accessToken else {
                throw pair.keyNode.error("a value may not be named \(accessToken): that name is the OAuth flow's token")
            }
            var reads: [(String, SourceLocation)] = []
            file.values.append((pair.key, try value(pair.value, name: pair.key, reads: &reads)))
            file.valueReads[pair.key] = reads
        }
        try checkValueCycles(file, top: top)
        let checkNode = top["check"]
        let methodsNode = top["methods"]
        switch (checkNode, methodsNode) {
        case (nil, nil):
            throw root.error("the check file has neither check nor methods", hint: "add check: (for a spec without auth methods) or methods:")
        case (_?, _?):
            let second = top.pairs.filter { ["check", "methods"].contains($0.key) }.map(\.keyNode).last ?? root
            throw second.error("the check file has both check and methods", hint: "keep check for a spec without auth methods, methods otherwise")
        case let (check?, nil):
            file.check = try entry(check, what: "check")
        case let (nil, methods?):
            for pair in try methods.mapping("methods").pairs {
                try SpecRules.checkName(pair.key, at: pair.keyNode, what: "method")
                file.methods.append((pair.key, try entry(pair.value, what: "method \"\(pair.key)\"")))
            }
            guard !file.methods.isEmpty else { throw methods.error("methods names no method", hint: "add one: methods: {token: {…}}") }
        }
        if let selectNode = top["select"] {
            let name = try selectNode.string("select")
            try SpecRules.checkName(name, at: selectNode, what: "option")
            guard file.check == nil else {
                throw selectNode.error("select needs methods keyed by the option's values, not check")
            }
            file.select = name
        }
        if let defaultNode = top["default_method"] {
            let name = try defaultNode.string("default_method")
            guard file.select != nil else {
                throw defaultNode.error("default_method goes with select", hint: "a spec with auth methods has its person choose one")
            }
            guard file.entry(name) != nil else {
                throw defaultNode.error("default_method \"\(TerminalText.excerpt(name))\" is not one of the methods",
                                        hint: "use one of: \(file.methods.map(\.0).joined(separator: ", "))")
            }
            file.defaultMethod = name
        }
        if let oauthNode = top["oauth"] {
            file.oauth = try oauth(oauthNode)
        }
        return file
    }

    private static func optionHint(_ node: SpecNode, name: String) throws -> CheckFile.OptionHint {
        let fields = try node.mapping("option \"\(name)\"")
        try fields.rejectUnknownKeys(allowed: optionKeys, in: "option \"\(name)\"")
        var hint = CheckFile.OptionHint()
        hint.defaultValue = try fields["default"]?.string("default")
        hint.example = try fields["example"]?.string("example")
        hint.secret = try fields["secret"]?.bool("secret")
        if let linkNode = fields["link"] {
            let link = try linkNode.string("link")
            guard OptionHintLink.isValid(link) else {
                throw linkNode.error("the link of option \"\(name)\" is not an https address", hint: "write it whole: https://…")
            }
            hint.link = link
        }
        if let patternNode = fields["pattern"] {
            hint.pattern = try patternNode.valuePattern(ofOption: name)
        }
        return hint
    }

    // MARK: checks

    private static func entry(_ node: SpecNode, what: String) throws -> CheckFile.Entry {
        let fields = try node.mapping(what)
        try fields.rejectUnknownKeys(allowed: checkKeys, in: what)
        var reads: [(String, SourceLocation)] = []
        if let reasonNode = fields["no_check"] {
            if let other = fields.pairs.first(where: { $0.key != "no_check" }) {
                throw other.keyNode.error("\(what) has no_check and \(other.key)", hint: "a check either sends requests or says why it cannot")
            }
            let reason = try reasonNode.string("no_check")
            guard !reason.isEmpty, reason.count <= 200,
                  !reason.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw reasonNode.error("no_check must be one line of at most 200 characters", hint: "say in a few words why one request cannot tell")
            }
            return CheckFile.Entry(body: .noCheck(reason), reads: [])
        }
        let requestsNode = try fields.required("requests", in: what)
        let items = try requestsNode.sequence("requests")
        var requests: [CheckRequest] = []
        for item in items {
            let request = try self.request(item, earlier: requests, reads: &reads)
            requests.append(request)
        }
        guard !requests.isEmpty else { throw requestsNode.error("requests lists no request", hint: "add - url: \"{base_url}/me\"") }
        // An answer is read only after it came: a request reading its own or a later one's has no value.
        let names = requests.compactMap(\.name)
        for (index, (request, item)) in zip(requests, items).enumerated() {
            let earlier = Set(requests[..<index].compactMap(\.name))
            for placeholder in request.templates.flatMap(\.placeholders) {
                let (name, pointer) = Template.reference(placeholder)
                if pointer != nil, names.contains(name), !earlier.contains(name) {
                    throw item.error("this request reads {\(placeholder)}, the answer of request \"\(name)\", which is not sent before it",
                                     hint: "a request reads the answers of the requests above it")
                }
            }
        }
        let expect = try fields["expect"].map { try statuses($0, what: "expect") } ?? [200]
        let identity = try fields["identity"].map { try pointer($0, what: "identity") }
        return CheckFile.Entry(body: .requests(requests, expect: expect, identity: identity), reads: reads)
    }

    private static func request(_ node: SpecNode, earlier: [CheckRequest], reads: inout [(String, SourceLocation)]) throws -> CheckRequest {
        let fields = try node.mapping("a request")
        try fields.rejectUnknownKeys(allowed: requestKeys, in: "this request")
        let earlierNames = earlier.compactMap(\.name)
        func template(_ node: SpecNode, _ what: String) throws -> Template {
            let template = try ProbeDeclaration.template(node, what)
            try note(template, at: node, requests: earlierNames, reads: &reads)
            return template
        }
        let urlNode = try fields.required("url", in: "this request")
        var request = CheckRequest(url: try template(urlNode, "url"))
        if let nameNode = fields["name"] {
            let name = try nameNode.string("name")
            try SpecRules.checkName(name, at: nameNode, what: "request")
            guard !earlierNames.contains(name) else {
                throw nameNode.error("two requests are named \"\(TerminalText.excerpt(name))\"", hint: "give each request its own name")
            }
            request.name = name
        }
        if let methodNode = fields["method"] {
            let method = try methodNode.string("method").uppercased()
            guard ProbeDeclaration.methods.contains(method) else {
                throw methodNode.error("method must be one of \(ProbeDeclaration.methods.joined(separator: ", "))",
                                       hint: "a check reads; it never creates, changes or deletes anything")
            }
            request.method = method
        }
        if let authNode = fields["auth"] {
            let (auth, nodes) = try ProbeDeclaration.auth(authNode, what: "auth", templateNames: true)
            for (authTemplate, templateNode) in zip((auth.nameTemplate.map { [$0] } ?? []) + auth.templates, nodes) {
                try note(authTemplate, at: templateNode, requests: earlierNames, reads: &reads)
            }
            request.auth = auth
        }
        for pair in try fields["headers"]?.mapping("headers").pairs ?? [] {
            guard HTTPHeaderName.isValid(pair.key) else {
                throw pair.keyNode.error("\"\(TerminalText.excerpt(pair.key))\" is not an HTTP header name",
                                         hint: "use letters, digits and - _ . ! # $ % & ' * + ^ ` | ~, like X-Api-Key")
            }
            request.headers.append((pair.key, try template(pair.value, "header \(pair.key)")))
        }
        if let listNode = fields["header_list"] { request.headerList = try template(listNode, "header_list") }
        for pair in try fields["form"]?.mapping("form").pairs ?? [] {
            request.form.append((pair.key, try template(pair.value, "form field \(pair.key)")))
        }
        if let jsonNode = fields["json"] {
            guard request.form.isEmpty else { throw jsonNode.error("a request has one body: form or json, not both") }
            request.json = try json(jsonNode, requests: earlierNames, reads: &reads)
        }
        if (!request.form.isEmpty || request.json != nil), request.method != "POST" {
            throw (fields["method"] ?? node).error("a request with a body is sent with method: POST")
        }
        request.ifSet = try names(fields["if_set"], what: "if_set")
        request.ifEmpty = try names(fields["if_empty"], what: "if_empty")
        for (names, key) in [(request.ifSet, "if_set"), (request.ifEmpty, "if_empty")] {
            guard let location = fields[key]?.location else { continue }
            reads += names.map { ($0, location) }
        }
        if let expectNode = fields["expect"] { request.expect = try statuses(expectNode, what: "expect") }
        if let rejectNode = fields["reject"] {
            request.reject = try statuses(rejectNode, what: "reject")
            let both = request.reject.filter(request.expect.contains)
            guard both.isEmpty else {
                throw rejectNode.error("\(both.map(String.init).joined(separator: ", ")) cannot both let the check go on and mean the credentials are refused")
            }
        }
        request.identity = try fields["identity"].map { try pointer($0, what: "identity") }
        return request
    }

    /// Records the placeholders a template reads, but the answers of earlier requests; a read of an
    /// answer no earlier request gives is left to `CheckLayer` (a derived value may read any request).
    private static func note(_ template: Template, at node: SpecNode, requests: [String], reads: inout [(String, SourceLocation)]) throws {
        for placeholder in template.placeholders {
            let (name, pointer) = Template.reference(placeholder)
            if pointer != nil, requests.contains(name) { continue }
            reads.append((placeholder, node.location))
        }
    }

    private static func json(_ node: SpecNode, requests: [String], reads: inout [(String, SourceLocation)]) throws -> JSONTemplate {
        switch node.node.content {
        case .scalar:
            guard case .string = node.scalarType else { return .literal(try node.jsonValue()) }
            let template = try ProbeDeclaration.template(node, "a JSON string")
            try note(template, at: node, requests: requests, reads: &reads)
            return template.placeholders.isEmpty ? .literal(.string(template.text)) : .string(template)
        case .sequence:
            return .array(try node.sequence("a JSON list").map { try json($0, requests: requests, reads: &reads) })
        case .mapping:
            return .object(try node.mapping("a JSON object").pairs.map { ($0.key, try json($0.value, requests: requests, reads: &reads)) })
        }
    }

    private static func names(_ node: SpecNode?, what: String) throws -> [String] {
        guard let node else { return [] }
        let items: [SpecNode]
        if case .sequence = node.node.content { items = try node.sequence(what) } else { items = [node] }
        return try items.map { item in
            let name = try item.string(what)
            try SpecRules.checkName(name, at: item, what: "option or value")
            return name
        }
    }

    private static func statuses(_ node: SpecNode, what: String) throws -> [Int] {
        let items = try node.sequence(what)
        let statuses = try items.map { item in
            let status = try item.int("an expected status")
            guard (100...599).contains(status) else { throw item.error("\(status) is not an HTTP status") }
            return status
        }
        guard !statuses.isEmpty else { throw node.error("\(what) lists no status", hint: "e.g. expect: [200]") }
        return statuses
    }

    private static func pointer(_ node: SpecNode, what: String) throws -> String {
        let pointer = try node.string(what)
        guard pointer.hasPrefix("/") else { throw node.error("\(what) must be a JSON pointer starting with '/', like /name") }
        return pointer
    }

    // MARK: values

    private static func value(_ node: SpecNode, name: String, reads: inout [(String, SourceLocation)]) throws -> DerivedValue {
        func template(_ node: SpecNode, _ what: String) throws -> Template {
            let template = try ProbeDeclaration.template(node, what)
            try note(template, at: node, requests: [], reads: &reads)
            return template
        }
        if case .scalar = node.node.content { return .template(try template(node, "value \(name)")) }
        let fields = try node.mapping("value \"\(name)\"")
        let forms = fields.pairs.map(\.key).filter(valueForms.contains)
        guard forms.count == 1, let form = forms.first else {
            throw node.error("value \"\(name)\" must be a template or one of \(valueForms.joined(separator: ", "))",
                             hint: forms.isEmpty ? "write \(name): \"{option}\" or \(name): {first: [\"{a}\", \"{b}\"]}" : "keep one of \(forms.joined(separator: ", "))")
        }
        func optionalTemplate(_ key: String) throws -> Template? {
            try fields[key].map { try template($0, "\(key) of value \(name)") }
        }
        let subjectNode = try fields.required(form, in: "value \"\(name)\"")
        switch form {
        case "first":
            try fields.rejectUnknownKeys(allowed: ["first"], in: "value \"\(name)\"")
            let alternatives = try subjectNode.sequence("first").map { try template($0, "an alternative of \(name)") }
            guard !alternatives.isEmpty else { throw subjectNode.error("first lists no alternative") }
            return .first(alternatives)
        case "choose":
            try fields.rejectUnknownKeys(allowed: ["choose", "cases", "else"], in: "value \"\(name)\"")
            let cases = try fields.required("cases", in: "value \"\(name)\"").mapping("cases").pairs.map { pair in
                DerivedValue.Case(key: pair.key, value: try template(pair.value, "case \(pair.key) of \(name)"))
            }
            return .choose(try template(subjectNode, "choose"), cases: cases, otherwise: try optionalTemplate("else"))
        case "match":
            try fields.rejectUnknownKeys(allowed: ["match", "pattern", "then", "else"], in: "value \"\(name)\"")
            let patternNode = try fields.required("pattern", in: "value \"\(name)\"")
            let pattern = try patternNode.string("pattern")
            do {
                _ = try ValuePattern(pattern)
            } catch {
                throw patternNode.error("value \"\(name)\" has a pattern that \(error.problem)")
            }
            return .match(try template(subjectNode, "match"), pattern: pattern,
                          then: try template(try fields.required("then", in: "value \"\(name)\""), "then"),
                          otherwise: try optionalTemplate("else"))
        case "split":
            try fields.rejectUnknownKeys(allowed: ["split", "separator", "take"], in: "value \"\(name)\"")
            let separatorNode = try fields.required("separator", in: "value \"\(name)\"")
            let separator = try separatorNode.string("separator")
            guard !separator.isEmpty else { throw separatorNode.error("separator is empty") }
            var take = DerivedValue.Part.last
            if let takeNode = fields["take"] {
                guard let part = DerivedValue.Part(rawValue: try takeNode.string("take")) else {
                    throw takeNode.error("take must be first or last")
                }
                take = part
            }
            return .split(try template(subjectNode, "split"), separator: separator, take: take)
        case "lowercase":
            try fields.rejectUnknownKeys(allowed: ["lowercase"], in: "value \"\(name)\"")
            return .lowercase(try template(subjectNode, "lowercase"))
        case "json":
            try fields.rejectUnknownKeys(allowed: ["json", "pointer"], in: "value \"\(name)\"")
            let pointerNode = try fields.required("pointer", in: "value \"\(name)\"")
            return .json(try template(subjectNode, "json"), pointer: try pointer(pointerNode, what: "pointer"))
        case "json_object":
            try fields.rejectUnknownKeys(allowed: ["json_object"], in: "value \"\(name)\"")
            return .jsonObject(try template(subjectNode, "json_object"))
        default:
            try fields.rejectUnknownKeys(allowed: ["jwt"], in: "value \"\(name)\"")
            return .jwt(try jwt(subjectNode, name: name, reads: &reads))
        }
    }

    private static func jwt(_ node: SpecNode, name: String, reads: inout [(String, SourceLocation)]) throws -> JWTTemplate {
        let fields = try node.mapping("jwt")
        try fields.rejectUnknownKeys(allowed: jwtKeys, in: "jwt of \(name)")
        func template(_ node: SpecNode, _ what: String) throws -> Template {
            let template = try ProbeDeclaration.template(node, what)
            try note(template, at: node, requests: [], reads: &reads)
            return template
        }
        var jwt = JWTTemplate(key: try template(try fields.required("key", in: "jwt of \(name)"), "key"),
                              algorithm: try template(try fields.required("algorithm", in: "jwt of \(name)"), "algorithm"))
        jwt.header = try (fields["header"]?.mapping("header").pairs ?? []).map { ($0.key, try template($0.value, "header \($0.key)")) }
        if let claimsNode = fields["claims"] {
            _ = try claimsNode.mapping("claims")
            jwt.claims = try json(claimsNode, requests: [], reads: &reads)
        }
        if let lifetimeNode = fields["lifetime"] {
            let lifetime = try lifetimeNode.int("lifetime")
            guard (1...3600).contains(lifetime) else { throw lifetimeNode.error("lifetime must be 1 to 3600 seconds") }
            jwt.lifetime = lifetime
        }
        if let addNode = fields["add"] {
            jwt.additions = try addNode.sequence("add").map { item in
                guard let addition = JWTTemplate.Addition(rawValue: try item.string("add")) else {
                    throw item.error("add takes nbf and jti", hint: "iat and exp are always added")
                }
                return addition
            }
        }
        let algorithmText = jwt.algorithm.text
        if jwt.algorithm.placeholders.isEmpty, JWTAlgorithm(rawValue: algorithmText) == nil {
            throw (fields["algorithm"] ?? node).error("algorithm \"\(TerminalText.excerpt(algorithmText))\" is not known",
                                                      hint: "use one of: \(JWTAlgorithm.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return jwt
    }

    /// A value that reads itself, directly or through others, has no value to give.
    private static func checkValueCycles(_ file: CheckFile, top: SpecMapping) throws {
        let names = Set(file.values.map(\.0))
        func visit(_ name: String, path: [String]) throws {
            if path.contains(name) {
                let node = top["values"].flatMap { try? $0.mapping("values") }?.pairs.first { $0.key == name }?.keyNode
                throw (node ?? top.owner).error("value \"\(name)\" reads itself: \((path + [name]).joined(separator: " → "))")
            }
            for (placeholder, _) in file.valueReads[name] ?? [] {
                let read = Template.reference(placeholder).name
                if names.contains(read) { try visit(read, path: path + [name]) }
            }
        }
        for name in names.sorted() { try visit(name, path: []) }
    }

    private static func oauth(_ node: SpecNode) throws -> CheckFile.OAuthExchange {
        let fields = try node.mapping("oauth")
        try fields.rejectUnknownKeys(allowed: oauthKeys, in: "oauth")
        var exchange = CheckFile.OAuthExchange()
        if let clientAuthNode = fields["client_auth"] {
            guard let clientAuth = OAuthClientAuthentication(rawValue: try clientAuthNode.string("client_auth")) else {
                throw clientAuthNode.error("client_auth must be body or basic")
            }
            exchange.clientAuth = clientAuth
        }
        exchange.tokenParams = try (fields["token_params"]?.mapping("token_params").pairs ?? []).map {
            ($0.key, try ProbeDeclaration.template($0.value, "token_params.\($0.key)"))
        }
        return exchange
    }
}
