/// Where a field's value comes from, as every front end shows it under the description: an example
/// of its shape (never for a secret) and the page where the credential is created (the built-in
/// layer's `link`). The default and the pattern ride on the option, where validation reads them.
public struct FieldHint: Sendable, Equatable {
    public let example: String?
    public let link: String?

    public init(_ option: ConnectorOption) {
        example = option.secret ? nil : option.example
        link = option.link
    }

    /// `e.g. mycompany · get it at https://…`; nil when there is nothing to say. Made safe for a terminal.
    public var line: String? {
        let parts = [example.map { "e.g. " + TerminalText.sanitized($0) }, link.map { "get it at " + TerminalText.sanitized($0) }]
            .compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}

extension FieldState {
    public var hint: FieldHint { FieldHint(option) }
}
