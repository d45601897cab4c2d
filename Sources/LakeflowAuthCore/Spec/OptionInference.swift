/// What an option's name and description say about it when the spec does not: real specs mark no
/// option `secret` or multi-line more often than not (fhir's `private_key_pem` was echoed, shown and
/// stored in clear), so the words people use are read as the flag they left out.
public enum OptionInference {
    /// Words that name a secret in an option's name: `password`, `client_secret`, `api_key`, `private_key_pem`.
    static let secretWords: Set<String> = ["password", "passwd", "passphrase", "secret", "token", "apikey", "pat"]
    static let secretPairs: [(String, String)] = [("api", "key"), ("private", "key"), ("secret", "key")]
    /// A last word that makes the option about a secret rather than the secret: `token_url`, `api_key_header`.
    static let aboutWords: Set<String> = ["url", "uri", "endpoint", "type", "name", "id", "path", "file", "header",
                                          "algorithm", "expiry", "expires", "ttl", "prefix", "location", "format"]

    /// True when the name says the value is a secret: `access_token`, `password`, `private_key_pem`;
    /// not `token_url`, `private_key_algorithm`, `federated_token_file`.
    public static func looksSecret(_ name: String) -> Bool {
        let words = self.words(name)
        guard let last = words.last, !aboutWords.contains(last) else { return false }
        if words.contains(where: secretWords.contains) { return true }
        return zip(words, words.dropFirst()).contains { pair in secretPairs.contains { $0 == pair } }
    }

    /// True when the value spans lines: a PEM key or a description that says so.
    public static func looksMultiline(name: String, description: String) -> Bool {
        if words(name).last == "pem" { return true }
        // Bytes rather than Characters, `contains` or a regular expression: this runs for every option
        // of a spec at each start, and the needles are ASCII.
        var text: [UInt8] = []
        var wordsOnly: [UInt8] = []
        for scalar in description.unicodeScalars {
            let isWordPart = scalar.isASCII
                ? (0x30...0x39).contains(scalar.value) || (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
                : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            let byte = scalar.isASCII ? UInt8(scalar.value) | (isWordPart ? 0x20 : 0) : 0x80
            text.append(byte)
            wordsOnly.append(isWordPart ? byte : 0x20)
        }
        let saysPEM = wordsOnly.split(separator: 0x20).contains { $0.elementsEqual("pem".utf8) }
        return saysPEM || ["multi-line", "multiline", "multiple lines"].contains { has(Array($0.utf8), in: text) }
    }

    private static func has(_ needle: [UInt8], in text: [UInt8]) -> Bool {
        guard text.count >= needle.count else { return false }
        return (0...(text.count - needle.count)).contains { start in
            text[start..<(start + needle.count)].elementsEqual(needle)
        }
    }

    /// True when a string option is named as a URL: `base_url`, `token_url`, `token_endpoint`.
    public static func looksLikeURL(_ name: String) -> Bool {
        guard let last = words(name).last else { return false }
        return ["url", "uri", "endpoint"].contains(last)
    }

    /// `private_key_pem` → private, key, pem; `apiKey` → api, key.
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in name {
            if character == "_" || character == "-" || character == "." || character == " " {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else if character.isUppercase, let last = current.last, last.isLowercase {
                words.append(current)
                current = String(character)
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.map { $0.lowercased() }
    }
}
