/// A check in a few words, for `connectors`: `GET /user`, `token, then GET /groups`, `none: reads
/// files`. Requests before the last go by their name; the last by its method and path.
public enum CheckSummary {
    public struct Row: Sendable, Equatable {
        public let method: String
        public let check: String
    }

    /// One row per auth method (per value of the option that picks the check, with `select`).
    public static func rows(_ spec: ConnectorSpec) -> [Row] {
        if !spec.authMethods.isEmpty {
            return spec.authMethods.map { Row(method: $0.name, check: summary(spec, $0)) }
        }
        if spec.probe == nil, let set = spec.builtInChecks, let select = set.select {
            return set.entries.map { Row(method: "\(select)=\($0.0)", check: summary($0.1, flow: false)) }
        }
        return [Row(method: "-", check: summary(spec, nil))]
    }

    static func summary(_ spec: ConnectorSpec, _ method: AuthMethod?) -> String {
        let flow = spec.oauthFlow(for: method) != nil
        guard let check = spec.check(for: method) else { return flow ? "oauth token" : "none declared" }
        return summary(check, flow: flow)
    }

    static func summary(_ check: ConnectorCheck, flow: Bool) -> String {
        if let reason = check.noCheckReason { return (flow ? "oauth token, then " : "") + "none: " + reason }
        let requests = check.requests
        guard let last = requests.last else { return "none declared" }
        var steps = flow ? ["oauth token"] : []
        for (index, request) in requests.enumerated() {
            let step = index == requests.count - 1 ? short(request) : request.name ?? short(request)
            // Requests sent only with or without a value are alternatives: one of them is sent.
            let alternative = !(request.ifSet.isEmpty && request.ifEmpty.isEmpty) && steps.last == step
            if !alternative { steps.append(step) }
        }
        return steps.joined(separator: ", then ")
    }

    /// `GET /user`: the address without its host and query.
    static func short(_ request: CheckRequest) -> String {
        var parts = request.url.parts
        if case let .placeholder(base)? = parts.first {
            parts.removeFirst()
            // A whole address in one value (mixpanel's export_url): its name says more than "/".
            if case let .literal(rest)? = parts.first, !rest.hasPrefix("/") || parts.isEmpty { return "\(request.method) {\(base)}" }
            if parts.isEmpty { return "\(request.method) {\(base)}" }
        }
        var text = parts.map { part -> String in
            switch part {
            case let .literal(text): return text
            case let .placeholder(name): return "{\(name)}"
            }
        }.joined()
        if let scheme = text.firstRange(of: "://") {
            let rest = text[scheme.upperBound...]
            text = rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
        }
        if let query = text.firstIndex(of: "?") { text = String(text[..<query]) }
        return "\(request.method) \(text.isEmpty ? "/" : text)"
    }
}
