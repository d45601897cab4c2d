/// Structural rules both spec formats share, checked once the options are read.
enum SpecRules {
    /// ConnectorOption names become JSON keys, env var names and YAML keys; keep them to plain identifiers.
    static func checkName(_ name: String, at node: SpecNode, what: String) throws {
        let allowed = name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" || $0 == ".")
        }
        guard !name.isEmpty, allowed else {
            throw node.error("\(what) name \"\(TerminalText.sanitized(name))\" must use only letters, digits, '_', '-' and '.'")
        }
    }

    /// The same option twice in one method, or in a method and the shared options, is ambiguous;
    /// the same option in two different methods is fine (fhir's token_url).
    static func checkUnique(_ options: [(ConnectorOption, SpecNode)], shared: [(ConnectorOption, SpecNode)], method: String?) throws {
        var seen: [String: SpecNode] = [:]
        for (option, node) in shared + options {
            if let first = seen[option.name] {
                let place = method.map { "auth method \"\($0)\"" } ?? "the shared options"
                let firstPlace = shared.contains { $0.1.location == first.location } ? "the shared options" : place
                throw node.error(
                    "option \"\(option.name)\" is declared twice: in \(firstPlace) at line \(first.location.line) and in \(place)",
                    hint: "remove one of them")
            }
            seen[option.name] = node
        }
    }

    static func checkUniqueMethods(_ methods: [(AuthMethod, SpecNode)]) throws {
        var seen: [String: SpecNode] = [:]
        for (method, node) in methods {
            if let first = seen[method.name] {
                throw node.error("auth method \"\(method.name)\" is declared twice (first at line \(first.location.line))",
                                 hint: "give each auth method its own name")
            }
            seen[method.name] = node
        }
    }

    /// What the spec left unsaid, read from the option's words (both formats alike): secret unless
    /// `secret:` is written, multi-line from the name and description. Needs the description set.
    static func inferTraits(declaredSecret: Bool?, of option: inout ConnectorOption) {
        if let declaredSecret {
            option.secret = declaredSecret
        } else if OptionInference.looksSecret(option.name) {
            option.secret = true
            option.secretInferred = true
        }
        option.multiline = OptionInference.looksMultiline(name: option.name, description: option.description)
    }

    /// Whitespace runs in descriptions (folded YAML, line breaks) carry no meaning; nor does U+FEFF,
    /// which YAML readers drop at the start of a scalar, so a rendered description could not keep it.
    /// Split by scalar, not by character: a space followed by a combining mark is one character.
    static func normalizeDescription(_ text: String) -> String {
        text.unicodeScalars.filter { $0 != "\u{FEFF}" }
            .split(whereSeparator: \.isWhiteSpace)
            .map { String(String.UnicodeScalarView($0)) }
            .joined(separator: " ")
    }
}
