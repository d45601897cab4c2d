import FoundationEssentials

/// A JSON object given as text the way people paste it, read as hl7_v2's
/// `_parse_service_account_json` reads a service-account key: the object itself, a JSON string that
/// holds it (double-encoded), its base64, or the first `{` to the last `}` of the text. A check that
/// reads a key only as the file holds it would call a key the connector accepts unusable.
enum JSONObjectText {
    /// The object's JSON text; nil when none of the readings gives an object.
    static func read(_ text: String) -> String? {
        let trimmed = text.trimmingWhiteSpace
        if let parsed = try? JSONParser.parse(Array(trimmed.utf8)) {
            if case .object = parsed { return parsed.serialized() }
            if case let .string(inner) = parsed, let object = object(inner) { return object }
        }
        if let data = Data(base64Encoded: trimmed), let object = object(String(decoding: data, as: UTF8.self)) {
            return object
        }
        if let start = trimmed.firstIndex(of: "{"), let end = trimmed.lastIndex(of: "}"), start < end {
            return object(String(trimmed[start...end]))
        }
        return nil
    }

    private static func object(_ text: String) -> String? {
        guard let parsed = try? JSONParser.parse(Array(text.utf8)), case .object = parsed else { return nil }
        return parsed.serialized()
    }
}
