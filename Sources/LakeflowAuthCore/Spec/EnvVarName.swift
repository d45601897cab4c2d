/// The default env var for an option: `<CONNECTOR>_<OPTION>`, upper-cased, anything but letters and
/// digits as `_` (`acme` + `api_key` → `ACME_API_KEY`).
public enum EnvVarName {
    public static func forOption(_ option: String, connector: String) -> String {
        normalize(connector) + "_" + normalize(option)
    }

    /// What every env var of the connector's own starts with (`ACME_`); a spec may name others.
    public static func prefix(connector: String) -> String {
        normalize(connector) + "_"
    }

    /// The env var that picks the auth method in headless mode (`ACME_AUTH_METHOD`).
    public static func authMethod(connector: String) -> String {
        normalize(connector) + "_AUTH_METHOD"
    }

    /// A name a shell accepts: ASCII letters, digits and `_`, not starting with a digit.
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }

    /// By scalar into bytes: each option of a spec passes here several times at every start.
    static func normalize(_ text: String) -> String {
        String(decoding: text.uppercased().unicodeScalars.map { scalar in
            ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) ? UInt8(scalar.value) : UInt8(ascii: "_")
        }, as: UTF8.self)
    }
}
