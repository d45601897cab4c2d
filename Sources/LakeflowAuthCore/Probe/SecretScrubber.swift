import FoundationEssentials

/// The one scrubber of text a server sends back (a probe's answer, a token endpoint's or an OAuth
/// callback's `error` and `error_description`, Databricks' `error_code` and `message`), which may echo
/// what it was sent. Built from every secret in play where the text arrives (secret options, tokens, an
/// authorization code, a PKCE verifier, HTTP Basic `user:password` pairs), it removes each in every form
/// a server could reflect it: as typed, percent-encoded (strictly, as a form, as JavaScript's
/// `encodeURIComponent` does), base64 and base64url (padded or not), and JSON-escaped; case-insensitively,
/// since a server may swap the case of what it echoes. Text still holding a run of a secret after that
/// is withheld whole (`safe`, `shown`), and what is shown has passed the terminal sanitizer.
///
/// Paths that learn more secrets as they go (a token granted, a code received) extend it with `adding`.
public struct SecretScrubber: Sendable {
    /// The one mask (`Masking`), without a tail: what stands for a secret everywhere.
    public static let mask = Masking.typing
    /// The shortest run of a secret's characters that counts as giving it away.
    static let fragmentLength = 8
    /// How much server text a message quotes.
    public static let textLimit = 200
    /// What a message says in place of server text that repeats part of a secret.
    public static let withheld = "(withheld: it repeats part of a secret)"

    /// Every form of every secret, longest first, so a form that contains another is removed whole.
    private var forms: [String]
    /// The secrets as a person reads them (`visible`), lower-cased, for the search for runs.
    private var fragmentsOf: [[Unicode.Scalar]]

    /// - Parameter basicPairs: `user:password` as sent in HTTP Basic, whole (the pair's base64 gives
    ///   neither half away alone, so it is a form of its own); percent-encode the halves first where the
    ///   sender does (RFC 6749 §2.3.1), or pass both.
    public init(secrets: [String] = [], basicPairs: [String] = []) {
        self = Self(forms: [], fragmentsOf: []).adding(secrets: secrets, basicPairs: basicPairs)
    }

    private init(forms: [String], fragmentsOf: [[Unicode.Scalar]]) {
        self.forms = forms
        self.fragmentsOf = fragmentsOf
    }

    /// This scrubber, knowing more secrets.
    public func adding(secrets: [String], basicPairs: [String] = []) -> SecretScrubber {
        var more = self
        var forms = Set(self.forms)
        for secret in secrets + basicPairs where !secret.isEmpty {
            for form in Self.forms(of: secret) + Self.forms(of: Self.visible(secret)) where !form.isEmpty {
                forms.insert(form.lowercased())
            }
        }
        more.forms = forms.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
        more.fragmentsOf += secrets.map { Array(Self.visible($0).lowercased().unicodeScalars) }.filter { !$0.isEmpty }
        return more
    }

    /// Every known form of every secret replaced by the mask, whatever its case.
    public func scrub(_ text: String) -> String {
        forms.reduce(text) { text, form in
            text.lowercased().contains(form) ? Self.replacingEveryCase(of: form, in: text) : text
        }
    }

    /// Every run of `text` that is `form` (lower case) once lowercased, character by character, masked.
    private static func replacingEveryCase(of form: String, in text: String) -> String {
        let target = form.map(String.init)
        let characters = Array(text)
        let lowered = characters.map { $0.lowercased() }
        var result = ""
        var index = 0
        while index < characters.count {
            if index + target.count <= characters.count, lowered[index..<index + target.count].elementsEqual(target) {
                result += mask
                index += target.count
            } else {
                result.append(characters[index])
                index += 1
            }
        }
        return result
    }

    /// True when `text` holds a run of any secret (eight characters, or all of a shorter one), in any
    /// case, after characters that hide such a run (zero-width, control, compatibility forms) are taken out.
    public func revealsFragment(_ text: String) -> Bool {
        let visible = Self.visible(text).lowercased()
        return fragmentsOf.contains { scalars in
            let length = min(Self.fragmentLength, scalars.count)
            return (0...(scalars.count - length)).contains { start in
                visible.contains(String(String.UnicodeScalarView(scalars[start..<start + length])))
            }
        }
    }

    /// Text a server chose, as a person will read it: normalised (so invisible characters cannot split a
    /// secret), scrubbed, nil when part of a secret is still in it, then shortened to `limit` characters
    /// (after the scrub, so a cut can never leave part of a secret behind) and sanitized for a terminal.
    public func safe(_ text: String, limit: Int = textLimit) -> String? {
        // A body holds up to a MiB; the few thousand characters a message could show are enough to check.
        let clean = scrub(Self.visible(String(text.prefix(limit * 20))))
        guard !revealsFragment(clean) else { return nil }
        let cut = clean.count > limit ? String(clean.prefix(limit)) + "…" : clean
        return TerminalText.sanitized(cut)
    }

    /// `safe`, or the words saying the text was withheld.
    public func shown(_ text: String, limit: Int = textLimit) -> String {
        safe(text, limit: limit) ?? Self.withheld
    }

    /// Text as a person reads it: compatibility forms folded (NFKC, `CompatibilityFolding`), and what the terminal sanitizer
    /// stops (controls, zero-width and bidi characters) removed rather than shown.
    public static func visible(_ text: String) -> String {
        let folded = CompatibilityFolding.folded(text)
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter { !TerminalText.isUnsafe($0) }))
    }

    /// How a server could reflect one secret.
    static func forms(of secret: String) -> [String] {
        let strict = PercentEncoding.unreserved(secret)
        let base64 = Data(secret.utf8).base64EncodedString()
        let base64URL = base64.replacing("+", with: "-").replacing("/", with: "_")
        var json = ""
        JSONValue.writeString(secret, into: &json)
        let jsonEscaped = String(json.dropFirst().dropLast())
        return [
            secret, strict, strict.replacing("%20", with: "+"), PercentEncoding.component(secret),
            base64, String(base64.reversed().drop { $0 == "=" }.reversed()), base64URL,
            String(base64URL.reversed().drop { $0 == "=" }.reversed()),
            jsonEscaped, jsonEscaped.replacing("/", with: "\\/"),
        ]
    }
}
