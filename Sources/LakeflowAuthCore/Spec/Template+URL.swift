extension Template {
    /// Fills an address template (a probe URL, an OAuth endpoint): a `url` option is a whole base
    /// address, so its slashes and colon survive (trailing slashes trimmed); any other value is
    /// percent-encoded, so it cannot end a path segment, start a query or add a parameter.
    func fillingURL(options: [ConnectorOption], value: (String) -> String) -> String {
        fill { name in
            if options.first(where: { $0.name == name })?.type == .url {
                var base = value(name)
                while base.hasSuffix("/") { base.removeLast() }
                return base
            }
            return PercentEncoding.unreserved(value(name))
        }
    }
}
