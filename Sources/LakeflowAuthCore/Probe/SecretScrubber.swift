import Foundation

/// Removes secret values from text that came back from the server, which may echo what it was sent:
/// as typed, percent-encoded, form-encoded or base64-encoded (alone and as a Basic `user:password`).
struct SecretScrubber: Sendable {
    /// The one mask (`Masking`), without a tail: what stands for a secret everywhere.
    static let mask = Masking.typing
    /// The shortest run of a secret's characters that counts as giving it away.
    static let fragmentLength = 8
    private let forms: [String]
    private let secrets: [String]

    init(secrets: [String], basicPairs: [String] = []) {
        self.secrets = secrets.filter { !$0.isEmpty }
        var forms: Set<String> = []
        for secret in secrets + basicPairs where !secret.isEmpty {
            forms.insert(secret)
            forms.insert(PercentEncoding.unreserved(secret))
            forms.insert(PercentEncoding.unreserved(secret).replacingOccurrences(of: "%20", with: "+"))
            let base64 = Data(secret.utf8).base64EncodedString()
            forms.insert(base64)
            forms.insert(base64.trimmingCharacters(in: ["="]))
        }
        // Longest first, so a form that contains another is removed whole.
        self.forms = forms.sorted { $0.count > $1.count }
    }

    func scrub(_ text: String) -> String {
        forms.reduce(text) { $0.replacingOccurrences(of: $1, with: Self.mask) }
    }

    /// True when `text` holds a run of any secret (eight characters, or all of a shorter one), after
    /// characters that hide such a run (zero-width, control, compatibility forms) are taken out.
    func revealsFragment(_ text: String) -> Bool {
        let visible = Self.visible(text)
        return secrets.contains { secret in
            let scalars = Array(Self.visible(secret).unicodeScalars)
            let length = min(Self.fragmentLength, scalars.count)
            guard length > 0 else { return false }
            return (0...(scalars.count - length)).contains { start in
                visible.contains(String(String.UnicodeScalarView(scalars[start..<start + length])))
            }
        }
    }

    /// Text as a person reads it: compatibility forms folded (NFKC), and controls and invisible
    /// format characters (U+200B, bidi overrides) removed rather than shown.
    static func visible(_ text: String) -> String {
        let folded = text.precomposedStringWithCompatibilityMapping
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: return false
            default: return true
            }
        }))
    }
}
