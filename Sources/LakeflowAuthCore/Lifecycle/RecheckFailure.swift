/// `probe --all` ended with credentials that did not pass; each was reported on its own line.
public struct RecheckFailure: UserFacingError {
    public let items: [StoredCredentialRecheck.Item]

    public init(items: [StoredCredentialRecheck.Item]) {
        self.items = items
    }

    private var failed: [StoredCredentialRecheck.Item] { items.filter { $0.exitStatus != .success } }

    public var message: String {
        let counts = [(ExitStatus.rejected, "rejected"), (.unreachable, "not answered")].compactMap { status, word in
            let count = failed.filter { $0.exitStatus == status }.count
            return count == 0 ? nil : "\(count) \(word)"
        }
        let others = failed.filter { ![.rejected, .unreachable].contains($0.exitStatus) }.count
        let parts = counts + (others == 0 ? [] : ["\(others) not checked"])
        return "\(failed.count) of \(items.count) stored credentials did not pass: " + parts.joined(separator: ", ")
    }

    public var hints: [String] {
        failed.filter { $0.exitStatus == .rejected }.map { item in
            "run `lakeflow-auth rotate \(TerminalText.excerpt(item.name.connector))\(ProfileName.flag(item.name.profile))` "
                + "for new secrets (it updates the connections made from them)"
        }
    }

    public var exitStatus: ExitStatus { StoredCredentialRecheck.exitStatus(items) }
}
