/// What `show` prints: secret options masked unless `reveal`, for people or, as JSON, for scripts.
public enum CredentialDisplay {
    public static func text(_ envelope: CredentialEnvelope, reveal: Bool) -> String {
        var lines = ["connector: " + TerminalText.sanitized(envelope.connector)]
        if envelope.profile != ProfileName.default { lines.append("profile: " + TerminalText.sanitized(envelope.profile)) }
        lines += [
            "auth method: " + TerminalText.sanitized(envelope.authMethod ?? "-"),
            "saved: " + CredentialEnvelope.timestamp(envelope.savedAt),
            "status: " + CredentialListing.status(CredentialFacts(envelope)),
            "options:",
        ]
        for (name, value) in reveal ? envelope.options : envelope.maskedOptions {
            lines.append("  \(TerminalText.sanitized(name)): \(TerminalText.sanitized(value.plainText))")
        }
        if !envelope.oauthEndpoints.isEmpty {
            lines.append("oauth endpoints (set in place of the spec's):")
            for (name, value) in envelope.oauthEndpoints {
                lines.append("  \(TerminalText.sanitized(name)): \(TerminalText.sanitized(Masking.maskingURLPassword(value)))")
            }
        }
        if !envelope.connections.isEmpty {
            lines.append("unity catalog connections:")
            for connection in envelope.connections {
                let pushed = connection.pushedAt.map { ", pushed " + UTCTimestamp.string($0) } ?? ""
                lines.append("  \(TerminalText.sanitized(connection.name)) in \(TerminalText.sanitized(connection.host))\(pushed)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The envelope as stored, with secret values masked unless `reveal`, and what the file's MAC and the
    /// record of writes say of it: `written_here` (false: its `probe` was not made here), and
    /// `newer_written_here` when it is an older copy put back.
    public static func json(_ envelope: CredentialEnvelope, reveal: Bool) -> String {
        var shown = envelope
        if !reveal {
            shown.options = envelope.maskedOptions
            shown.oauth = envelope.oauth.map { OAuthAccessToken(token: Masking.mask($0.token), expiresAt: $0.expiresAt) }
        }
        guard case var .object(members) = shown.json else { return shown.json.serialized(pretty: true) + "\n" }
        members.append(("written_here", .bool(envelope.provenance == .thisMachine)))
        if let newer = envelope.newerWrittenHere { members.append(("newer_written_here", .string(CredentialEnvelope.timestamp(newer)))) }
        return JSONValue.object(members).serialized(pretty: true) + "\n"
    }
}
