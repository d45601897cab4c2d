/// The names a check's templates read, seen through its derived values: what a message asks the
/// person to look at, and what the layer must find among a spec's options.
extension ConnectorCheck {
    /// The options (and `access_token`) the templates read, directly or through derived values, each
    /// once, in the order first read; answers of requests are not options.
    func optionNames(in templates: [Template]) -> [String] {
        let requests = Set(requests.compactMap(\.name))
        var seenValues: Set<String> = []
        var names: [String] = []
        func visit(_ template: Template) {
            for placeholder in template.placeholders {
                let (name, pointer) = Template.reference(placeholder)
                if pointer != nil, requests.contains(name) { continue }
                if let value = context.value(named: name) {
                    if seenValues.insert(name).inserted { value.templates.forEach(visit) }
                } else if !names.contains(name) {
                    names.append(name)
                }
            }
        }
        templates.forEach(visit)
        return names
    }

    /// The options that fill the host of `request`'s address.
    func hostOptions(of request: CheckRequest) -> [String] {
        optionNames(in: ProbeRequest.hostPlaceholders(of: request.url).compactMap { try? Template("{\($0)}") })
    }

    /// The hosts the check's own text names: literal addresses and the layer's defaults.
    var namedHosts: Set<String> {
        let literals = (requests.flatMap(\.templates) + context.values.flatMap(\.1.templates)).compactMap { template -> String? in
            guard case let .literal(text)? = template.parts.first else { return nil }
            return text
        }
        return Set((literals + context.defaults.values).compactMap { URLAuthority($0)?.host }.filter { !$0.isEmpty })
    }
}
