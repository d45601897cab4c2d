extension CredentialStore {
    /// Every stored file, by connector then profile, with what is known of it; one that cannot be
    /// opened is listed with the reason. Files the index describes are not opened at all, so this
    /// needs no identity once every file has been indexed; the others are opened (asking for the
    /// passphrase only then) and indexed for the next time.
    public func list() throws -> [StoredCredentialSummary] {
        try location.checkFolders()
        let names = location.storedCredentials()
        guard !names.isEmpty else { return [] }
        try keeper.checkNotLost(credentialFiles: names.count)
        let index = try CredentialIndex.read(location)
        var contents: [StoredCredentialName: StoredCredentialSummary.Contents] = [:]
        var unindexed: [(StoredCredentialName, [UInt8])] = []
        for name in names {
            let path = location.credentialPath(name.connector, profile: name.profile)
            do throws(StoreError) {
                guard let file = try StoredFile.read(path, limit: Self.fileSizeLimit, kind: .credential) else { continue }
                if let facts = index.facts(for: location.fileName(name.connector, profile: name.profile), bytes: file.bytes) {
                    contents[name] = .readable(facts)
                } else {
                    unindexed.append((name, file.bytes))
                }
            } catch {
                contents[name] = .unreadable(error)
            }
        }
        if !unindexed.isEmpty {
            for (name, opened) in readAndIndex(unindexed) { contents[name] = opened }
        }
        return names.compactMap { name in
            contents[name].map { StoredCredentialSummary(name: name, path: location.credentialPath(name.connector, profile: name.profile),
                                                         contents: $0) }
        }
    }

    /// Opens files the index does not describe and notes them in it.
    private func readAndIndex(_ files: [(StoredCredentialName, [UInt8])]) -> [(StoredCredentialName, StoredCredentialSummary.Contents)] {
        let identity: MachineIdentity
        do throws(StoreError) {
            identity = try keeper.load()
        } catch {
            return files.map { ($0.0, .unreadable(error)) }
        }
        let record = WriteRecord.load(location, identity: identity)
        var read: [(StoredCredentialName, StoredCredentialSummary.Contents)] = []
        var indexed: [(CredentialFacts, String, [UInt8])] = []
        for (name, bytes) in files {
            let path = location.credentialPath(name.connector, profile: name.profile)
            do throws(StoreError) {
                let facts = CredentialFacts(try envelope(in: bytes, connector: name.connector, profile: name.profile, path: path,
                                                         identity: identity, record: record))
                read.append((name, .readable(facts)))
                indexed.append((facts, location.fileName(name.connector, profile: name.profile), bytes))
            } catch {
                read.append((name, .unreadable(error)))
            }
        }
        // The index is a convenience: when another process holds the lock, it is written next time.
        try? lock.withLock { () throws(StoreError) in
            updateIndex { index in
                for (facts, file, bytes) in indexed { index.note(facts, file: file, bytes: bytes) }
            }
        }
        return read
    }
}
