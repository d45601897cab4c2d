extension ConnectorOption {
    /// Whether the value is a block of lines (a PEM private key) rather than one line, so front ends
    /// that can offer a text area do. Specs have no key for it; their names and descriptions say it.
    public var takesMultipleLines: Bool {
        let text = (name + " " + description).lowercased()
        return name.lowercased().hasSuffix("_pem") || text.contains("multiline") || text.contains("multi-line")
            || text.contains(" pem ") || text.contains("pem format")
    }
}
