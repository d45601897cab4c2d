/// `probe --all`: every stored credential, each profile, checked again and each answer recorded as
/// it comes. Bounded: one check at a time per connector (so a source never sees two of one person's
/// checks at once, and a source that locks an account after failed logins sees them one by one), a
/// few connectors at a time, each check with the usual timeout.
public struct StoredCredentialRecheck: Sendable {
    public typealias SpecLoader = @Sendable (_ connector: String) throws -> ConnectorSpec

    /// How many connectors are checked at once.
    public static let connectorsAtOnce = 4

    public let store: CredentialStore
    public let timeout: Duration
    let loadSpec: SpecLoader

    /// - Parameter store: unlocked once for the whole run (`CredentialStore.unlocked(with:)`).
    public init(store: CredentialStore, timeout: Duration = ProbeClient.defaultTimeout, loadSpec: @escaping SpecLoader) {
        self.store = store
        self.timeout = timeout
        self.loadSpec = loadSpec
    }

    /// One credential's check.
    public struct Item: Sendable {
        public enum Outcome: Sendable {
            case checked(ProbeResult)
            /// The check could not run, or ended before the source judged (an OAuth provider's refusal).
            case failed(UserFacingError)
        }

        public let name: StoredCredentialName
        public let outcome: Outcome

        public var exitStatus: ExitStatus {
            switch outcome {
            case let .checked(result): return result.exitStatus
            case let .failed(error): return error.exitStatus
            }
        }

        /// `acme (prod): connected to Acme as alice (HTTP 200, 12 ms)`.
        public var line: String {
            let label = TerminalText.sanitized(name.connector) + " (" + TerminalText.sanitized(name.profile) + ")"
            switch outcome {
            case let .checked(result): return label + ": " + result.message
            case let .failed(error): return label + ": " + error.message
            }
        }
    }

    /// Checks every stored credential; `report` hears of each as soon as it is recorded. Cancelled,
    /// it stops at once; what was recorded stays, and no check cut short is recorded.
    public func run(report: @escaping @Sendable (Item) -> Void) async throws -> [Item] {
        let names = store.location.storedCredentials()
        let byConnector = Dictionary(grouping: names, by: \.connector).sorted { $0.key < $1.key }.map { $0.value.sorted() }
        var items: [Item] = []
        try await withThrowingTaskGroup(of: [Item].self) { group in
            var waiting = byConnector[...]
            func startNext() {
                guard let profiles = waiting.popFirst() else { return }
                group.addTask { try await checkOneAtATime(profiles, report: report) }
            }
            for _ in 0..<Self.connectorsAtOnce { startNext() }
            while let done = try await group.next() {
                items += done
                startNext()
            }
        }
        return items
    }

    /// The exit status of the whole run: 3 when any credential was rejected, else 4 when any could
    /// not be checked for want of an answer, else the first other failure's, else 0.
    public static func exitStatus(_ items: [Item]) -> ExitStatus {
        let statuses = items.map(\.exitStatus)
        for status in [ExitStatus.rejected, .unreachable] where statuses.contains(status) { return status }
        return statuses.first { $0 != .success } ?? .success
    }

    private func checkOneAtATime(_ names: [StoredCredentialName], report: @Sendable (Item) -> Void) async throws -> [Item] {
        let spec = Result { try loadSpec(names[0].connector) }
        var items: [Item] = []
        for name in names {
            try Task.checkCancellation()
            let item = Item(name: name, outcome: await check(name, spec: spec))
            try Task.checkCancellation()
            report(item)
            items.append(item)
        }
        return items
    }

    private func check(_ name: StoredCredentialName, spec: Result<ConnectorSpec, Error>) async -> Item.Outcome {
        do {
            let envelope = try store.open(name.connector, profile: name.profile)
            return .checked(try await StoredCredentialCheck(store: store, timeout: timeout).run(envelope, spec: spec.get()))
        } catch {
            return .failed(error as? UserFacingError ?? InternalError(error))
        }
    }
}
