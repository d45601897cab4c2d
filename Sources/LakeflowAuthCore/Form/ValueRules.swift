import FoundationEssentials

/// The one place that decides whether a raw string is a valid value for an option, and what it means.
public enum ValueRules {
    /// The typed value for `raw`, or why it cannot be one. `raw` is never empty here: emptiness is the
    /// form's concern (required, default).
    public static func parse(_ raw: String, for option: ConnectorOption) -> Result<JSONValue, FieldProblem> {
        if let problem = characterProblem(raw, allowingLines: option.multiline) { return .failure(problem) }
        let trimmed = option.secret ? raw : raw.trimmingSpaces
        switch option.type {
        case .string:
            // A real spec types `base_url` as string; it is still a URL, or the probe fails obscurely.
            if OptionInference.looksLikeURL(option.name), option.choices.isEmpty, !isURL(trimmed) { return .failure(.notURL) }
        case .integer:
            guard let value = Int(trimmed) else { return .failure(.notInteger) }
            return checkPattern(trimmed, option).map { _ in .integer(value) }
        case .number:
            guard let value = Double(trimmed), value.isFinite else { return .failure(.notNumber) }
            return checkPattern(trimmed, option).map { _ in .number(value) }
        case .boolean:
            switch trimmed.lowercased() {
            case "true", "yes", "y", "1", "on": return .success(.bool(true))
            case "false", "no", "n", "0", "off": return .success(.bool(false))
            default: return .failure(.notBoolean)
            }
        case .url:
            guard isURL(trimmed) else { return .failure(.notURL) }
        case .choice:
            guard option.choices.contains(trimmed) else { return .failure(.notAChoice(choices: option.choices)) }
        }
        if !option.choices.isEmpty, option.type != .choice, !option.choices.contains(trimmed) {
            return .failure(.notAChoice(choices: option.choices))
        }
        return checkPattern(trimmed, option).map { _ in .string(trimmed) }
    }

    private static func checkPattern(_ text: String, _ option: ConnectorOption) -> Result<Void, FieldProblem> {
        guard let pattern = option.pattern, let compiled = try? ValuePattern(pattern) else { return .success(()) }
        guard compiled.matches(in: text) else {
            return .failure(.patternMismatch(pattern: pattern, example: option.secret ? nil : option.example))
        }
        return .success(())
    }

    /// Values end up in HTTP headers, URLs, env vars and JSON: a CR or LF would add a header, a NUL
    /// would cut an env var short, and U+FFFD is what bytes that were not UTF-8 became on the way in.
    /// A multi-line option (a PEM key, a service-account JSON) keeps its line breaks and tabs; the HTTP
    /// client still refuses them in a header.
    static func characterProblem(_ raw: String, allowingLines: Bool) -> FieldProblem? {
        for scalar in raw.unicodeScalars {
            if scalar == "\u{FFFD}" { return .notUTF8 }
            if allowingLines, ["\n", "\r", "\t"].contains(scalar) { continue }
            if scalar.properties.generalCategory == .control { return .controlCharacter }
        }
        return nil
    }

    static func isURL(_ text: String) -> Bool {
        !text.contains(where: \.isWhitespace) && URLAuthority(text) != nil
    }
}
