import Foundation

/// Removes secret values from text that came back from the server, which may echo what it was sent:
/// as typed, percent-encoded, form-encoded or base64-encoded (alone and as a Basic `user:password`).
struct SecretScrubber: Sendable {
    static let mask = "••••"
    private let forms: [String]

    init(secrets: [String], basicPairs: [String] = []) {
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
}
