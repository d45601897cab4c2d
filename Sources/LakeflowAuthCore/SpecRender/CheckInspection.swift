/// A check as `spec inspect` shows it: its templates as written, the derived values they read, and
/// where it came from (`spec` or `built-in`).
enum CheckInspection {
    static func json(_ check: ConnectorCheck) -> JSONValue {
        var members: [(String, JSONValue)] = [("source", .string(check.source.rawValue))]
        switch check.body {
        case let .noCheck(reason):
            members.append(("no_check", .string(reason)))
        case let .requests(requests, expect, identity):
            members.append(("requests", .array(requests.map(request))))
            members.append(("expect", .array(expect.map(JSONValue.integer))))
            members.append(("identity", identity.map(JSONValue.string) ?? .null))
            let read = Set(check.optionNames(in: requests.flatMap(\.templates)) + usedValues(check, requests))
            let values = check.context.values.filter { read.contains($0.0) }
            if !values.isEmpty { members.append(("values", .object(values.map { ($0.0, value($0.1)) }))) }
        }
        return .object(members)
    }

    /// The check of a spec without auth methods: one, or one per value of the option that picks it.
    static func json(unmethodical spec: ConnectorSpec) -> JSONValue {
        if let select = spec.builtInChecks?.select, spec.probe == nil, let set = spec.builtInChecks {
            return .object([
                ("source", .string(ConnectorCheck.Source.builtIn.rawValue)),
                ("select", .string(select)),
                ("default_method", set.defaultEntry.map(JSONValue.string) ?? .null),
                ("methods", .object(set.entries.map { ($0.0, json($0.1)) })),
            ])
        }
        return spec.check(for: nil).map(json) ?? .null
    }

    private static func usedValues(_ check: ConnectorCheck, _ requests: [CheckRequest]) -> [String] {
        var used: [String] = []
        func visit(_ templates: [Template]) {
            for placeholder in templates.flatMap(\.placeholders) {
                let name = Template.reference(placeholder).name
                guard let value = check.context.value(named: name), !used.contains(name) else { continue }
                used.append(name)
                visit(value.templates)
            }
        }
        visit(requests.flatMap(\.templates))
        return used
    }

    private static func request(_ request: CheckRequest) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let name = request.name { members.append(("name", .string(name))) }
        members.append(("method", .string(request.method)))
        members.append(("url", .string(request.url.text)))
        if let auth = auth(request.auth) { members.append(("auth", auth)) }
        if !request.headers.isEmpty { members.append(("headers", .object(request.headers.map { ($0.0, .string($0.1.text)) }))) }
        if let list = request.headerList { members.append(("header_list", .string(list.text))) }
        if !request.form.isEmpty { members.append(("form", .object(request.form.map { ($0.0, .string($0.1.text)) }))) }
        if let json = request.json { members.append(("json", json.written)) }
        if !request.ifSet.isEmpty { members.append(("if_set", .array(request.ifSet.map(JSONValue.string)))) }
        if !request.ifEmpty.isEmpty { members.append(("if_empty", .array(request.ifEmpty.map(JSONValue.string)))) }
        if request.expect != [200] { members.append(("expect", .array(request.expect.map(JSONValue.integer)))) }
        if !request.reject.isEmpty { members.append(("reject", .array(request.reject.map(JSONValue.integer)))) }
        if let identity = request.identity { members.append(("identity", .string(identity))) }
        return .object(members)
    }

    private static func auth(_ auth: ProbeSpec.Auth) -> JSONValue? {
        switch auth {
        case .none: return nil
        case let .bearer(token): return .object([("type", .string("bearer")), ("token", .string(token.text))])
        case let .basic(username, password):
            return .object([("type", .string("basic")), ("username", .string(username.text)), ("password", .string(password.text))])
        case let .header(name, value): return .object([("type", .string("header")), ("name", .string(name)), ("value", .string(value.text))])
        case let .query(name, value): return .object([("type", .string("query")), ("name", .string(name)), ("value", .string(value.text))])
        }
    }

    private static func value(_ value: DerivedValue) -> JSONValue {
        func text(_ template: Template?) -> JSONValue { template.map { .string($0.text) } ?? .null }
        switch value {
        case let .template(template): return text(template)
        case let .first(alternatives): return .object([("first", .array(alternatives.map(text)))])
        case let .choose(subject, cases, otherwise):
            return .object([("choose", text(subject)), ("cases", .object(cases.map { ($0.key, text($0.value)) })), ("else", text(otherwise))])
        case let .match(subject, pattern, then, otherwise):
            return .object([("match", text(subject)), ("pattern", .string(pattern)), ("then", text(then)), ("else", text(otherwise))])
        case let .lowercase(subject): return .object([("lowercase", text(subject))])
        case let .split(subject, separator, take):
            return .object([("split", text(subject)), ("separator", .string(separator)), ("take", .string(take.rawValue))])
        case let .json(subject, pointer): return .object([("json", text(subject)), ("pointer", .string(pointer))])
        case let .jsonObject(subject): return .object([("json_object", text(subject))])
        case let .jwt(jwt):
            return .object([("jwt", .object([
                ("key", text(jwt.key)), ("algorithm", text(jwt.algorithm)),
                ("header", .object(jwt.header.map { ($0.0, text($0.1)) })), ("claims", jwt.claims.written),
                ("lifetime", .integer(jwt.lifetime)), ("add", .array(jwt.additions.map { .string($0.rawValue) })),
            ]))])
        }
    }
}
