import FoundationEssentials

extension CredentialStore {
    /// Remembers that the connection `name` of workspace `host` was made or updated from these
    /// credentials at `date`, with what reading it back found, when it was read back.
    public func recordPush(host: String, name: String, at date: Date = Date(), comparison: ConnectionComparison? = nil,
                           for connector: String, profile: String = ProfileName.default) throws {
        try update(connector, profile: profile) { envelope in
            var record = envelope.connections.first { $0.isSame(host: host, name: name) }
                ?? PushedConnection(host: host, name: name, pushedAt: nil)
            record.pushedAt = date.wholeSeconds
            if let comparison { record.comparison = comparison }
            envelope.connections.removeAll { $0.isSame(host: host, name: name) }
            envelope.connections.append(record)
        }
    }

    /// Keeps the last comparison of a connection made from these credentials, for `status`; a
    /// connection made elsewhere is compared but not remembered. Returns whether it was kept.
    @discardableResult
    public func recordComparison(_ comparison: ConnectionComparison, host: String, name: String, for connector: String,
                                 profile: String = ProfileName.default) throws -> Bool {
        var kept = false
        try update(connector, profile: profile) { envelope in
            guard let index = envelope.connections.firstIndex(where: { $0.isSame(host: host, name: name) }) else { return }
            envelope.connections[index].comparison = comparison
            kept = true
        }
        return kept
    }
}
