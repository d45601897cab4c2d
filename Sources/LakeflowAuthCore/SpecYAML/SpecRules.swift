/// Structural rules both spec formats share, checked once the options are read.
enum SpecRules {
    /// Option, method and table-option names follow `OptionName`'s rule, and stay short enough to quote.
    static let maximumNameLength = 100

    static func checkName(_ name: String, at node: SpecNode, what: String) throws {
        guard name.count <= maximumNameLength else {
            throw node.error("\(what) name \"\(TerminalText.excerpt(name))\" is longer than \(maximumNameLength) characters")
        }
        guard OptionName.isValid(name) else {
            throw node.error("\(what) name \"\(TerminalText.excerpt(name))\" must use only letters, digits, '_', '-' and '.'")
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

    /// Every option of one form needs an env var of its own, and none may be the one that picks the
    /// auth method: `token` and `TOKEN`, or `api-key` and `api_key`, would both read (and store)
    /// one value, under a name `show` may print in clear. Nor may one be reserved (`ReservedEnvVar`):
    /// `--from-env` would store `LAKEFLOW_AUTH_PASSPHRASE` as an option, and `exec` set `BASH_ENV`.
    static func checkEnvVars(_ options: [(ConnectorOption, SpecNode)], connector: String) throws {
        let authMethodVariable = EnvVarName.authMethod(connector: connector)
        var seen: [String: (ConnectorOption, SpecNode)] = [:]
        for (option, node) in options {
            try checkNotReserved(option.envVar, of: option.name, at: node)
            if option.envVar == authMethodVariable {
                throw node.error("option \"\(option.name)\" has env var \(option.envVar), which picks the auth method",
                                 hint: "rename the option, or give it an env var of its own (env: NAME)")
            }
            if let (first, firstNode) = seen[option.envVar], first.name != option.name {
                throw node.error(
                    "options \"\(first.name)\" (line \(firstNode.location.line)) and \"\(option.name)\" both have env var \(option.envVar)",
                    hint: "rename one of them, or give one an env var of its own (env: NAME)")
            }
            seen[option.envVar] = (option, node)
        }
    }

    static func checkNotReserved(_ envVar: String, of option: String, at node: SpecNode) throws {
        guard let reason = ReservedEnvVar.reason(envVar) else { return }
        throw node.error("option \"\(option)\" has env var \(envVar), which no option may have: \(reason)",
                         hint: "give the option an env var of its own (env: NAME), such as one starting with its connector's name")
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
    /// Written as one pass over UTF-8 bytes: it runs for every option of a spec at each start, and the
    /// generic split-and-join took longer than reading the YAML.
    static func normalizeDescription(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var gap = false
        for scalar in text.unicodeScalars where scalar != "\u{FEFF}" {
            if scalar.isWhiteSpace {
                gap = !bytes.isEmpty
                continue
            }
            if gap { bytes.append(0x20) }
            gap = false
            bytes.append(contentsOf: scalar.utf8)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
