/// How a secret is shown when it must be shown at all, the one way for every command and front end:
/// always `width` characters wide, so the mask says nothing of the value's length. A long value
/// ends in its last four characters, so two tokens can be told apart (a 20-character token is still
/// unguessable from its tail; a short password is not); a value that spans lines (a PEM key) shows
/// no tail, since its last characters are a delimiter and a line break.
public enum Masking {
    /// Every mask is this many characters.
    public static let width = 8
    /// Values at least this long show their last `tailLength` characters.
    public static let longValueLength = 20
    public static let tailLength = 4

    /// The mask of a value being typed: no tail, which would show each character as it comes.
    public static let typing = String(repeating: "•", count: width)

    public static func mask(_ secret: String) -> String {
        let tail = secret.suffix(tailLength)
        let showsTail = secret.count >= longValueLength && !secret.unicodeScalars.contains { isLineBreakOrControl($0) }
        return String(repeating: "•", count: width - (showsTail ? tail.count : 0)) + (showsTail ? tail : "")
    }

    /// `https://user:pw@host/…` with the password masked: a URL option is shown, its password is not.
    public static func maskingURLPassword(_ text: String) -> String {
        guard let schemeEnd = text.firstRange(of: "://") else { return text }
        let authority = text[schemeEnd.upperBound...].prefix { !"/?#".contains($0) }
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return text }
        let password = String(text[text.index(after: colon)..<at])
        return String(text[...colon]) + mask(password) + String(text[at...])
    }

    private static func isLineBreakOrControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }
}
