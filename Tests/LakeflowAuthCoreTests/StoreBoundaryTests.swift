import Foundation
import LakeflowAuthCore
import Testing

/// The store trusts only itself: no links, no folder or file another user could have written, no
/// file that would block a read, and no identity quietly replaced over files encrypted to the old one.
@Suite(.timeLimit(.minutes(1)))
struct StoreBoundaryTests {
    /// Every operation that reads, writes or removes, each of which must stop at an unsafe store.
    static let operations: [(String, @Sendable (CredentialStore) throws -> Void)] = [
        ("save", { try $0.save(Sample.envelope()) }),
        ("open", { _ = try $0.open("acme") }),
        ("list", { _ = try $0.list() }),
        ("remove", { try $0.remove("acme") }),
        ("record a probe", { try $0.recordProbe(ProbeRecord(ok: true, status: 200, at: Date(), identity: nil), for: "acme") }),
    ]

    private static func storeError(_ body: () throws -> Void) -> StoreError? {
        do {
            try body()
            return nil
        } catch {
            return error as? StoreError
        }
    }

    @Test func aCredentialsFolderThatIsALinkIsRefusedByEveryOperation() throws {
        let temp = TemporaryStore()
        try temp.store().save(Sample.envelope())
        let outside = temp.home + "-outside"
        try FileManager.default.moveItem(atPath: temp.location.credentialsFolder, toPath: outside)
        symlink(outside, temp.location.credentialsFolder)
        for (name, operation) in Self.operations {
            let error = Self.storeError { try operation(temp.store()) }
            #expect(error == .unsafe(path: temp.location.credentialsFolder, problem: .symbolicLink), "\(name)")
            #expect(error?.exitStatus == .storeFailure)
        }
        #expect(temp.files(in: outside) == [".lock", ".written", "acme.age", "index.json"], "nothing outside the store was written or removed")
    }

    @Test func aHomeThatIsALinkIsRefused() throws {
        let temp = TemporaryStore()
        let outside = temp.home + "-real"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        chmod(outside, 0o700)
        symlink(outside, temp.home)
        #expect(Self.storeError { try temp.store().save(Sample.envelope()) } == .unsafe(path: temp.home, problem: .symbolicLink))
        #expect(temp.files(in: outside).isEmpty)
    }

    @Test func aCredentialFileThatIsALinkIsNotFollowed() throws {
        let temp = TemporaryStore()
        try temp.store().save(Sample.envelope())
        let path = temp.location.credentialPath("acme")
        let elsewhere = temp.home + "/elsewhere.age"
        try FileManager.default.moveItem(atPath: path, toPath: elsewhere)
        symlink(elsewhere, path)
        let error = Self.storeError { _ = try temp.store().open("acme") }
        #expect(error == .unsafe(path: path, problem: .symbolicLink))
        #expect(error?.hints.first?.contains("rm \(path)") == true)
    }

    @Test(arguments: [0o770, 0o777, 0o720, 0o702])
    func aFolderOthersCanWriteIsRefusedWithTheChmodThatFixesIt(mode: Int) throws {
        let temp = TemporaryStore()
        try temp.store().save(Sample.envelope())
        chmod(temp.location.credentialsFolder, mode_t(mode))
        for (name, operation) in Self.operations {
            let error = Self.storeError { try operation(temp.store()) }
            #expect(error == .unsafe(path: temp.location.credentialsFolder, problem: .writableByOthers(folder: true)), "\(name)")
            #expect(error?.hints == ["chmod 700 \(temp.location.credentialsFolder)"])
            #expect(error?.exitStatus == .storeFailure)
        }
        chmod(temp.location.credentialsFolder, 0o700)
        #expect(try temp.store().open("acme") == Sample.envelope())
    }

    @Test func aCredentialFileOthersCanWriteIsRefused() throws {
        let temp = TemporaryStore()
        try temp.store().save(Sample.envelope())
        let path = temp.location.credentialPath("acme")
        chmod(path, 0o662)
        let error = Self.storeError { _ = try temp.store().open("acme") }
        #expect(error == .unsafe(path: path, problem: .writableByOthers(folder: false)))
        #expect(error?.hints == ["chmod 600 \(path)"])
    }

    /// Needs root to give a file away, as CI runs; a developer's run without root skips it.
    @Test(.enabled(if: geteuid() == 0, "giving a file to another user needs root"))
    func aCredentialFileAnotherUserOwnsIsNotTrusted() throws {
        let temp = TemporaryStore()
        try temp.store().save(Sample.envelope())
        let path = temp.location.credentialPath("acme")
        chown(path, 65_534, 65_534)
        #expect(Self.storeError { _ = try temp.store().open("acme") } == .unsafe(path: path, problem: .ownedByAnotherUser(uid: 65_534)))
        let listed = try temp.store().list()
        guard case let .unreadable(error)? = listed.first?.contents else {
            Issue.record("list trusted a file another user owns")
            return
        }
        #expect(error == .unsafe(path: path, problem: .ownedByAnotherUser(uid: 65_534)))
    }

    @Test(arguments: ["credential", "identity", "recipients"])
    func aFIFOIsRefusedAtOnceRatherThanWaitedOn(file: String) throws {
        let temp = TemporaryStore()
        try temp.store().save(Sample.envelope())
        let path = switch file {
        case "credential": temp.location.credentialPath("acme")
        case "identity": temp.location.identityPath
        default: temp.location.recipientsPath
        }
        unlink(path)
        #expect(mkfifo(path, 0o600) == 0)
        let clock = ContinuousClock()
        let start = clock.now
        // Only a save reads recipients.txt.
        let error = Self.storeError {
            if file == "recipients" { try temp.store().save(Sample.envelope()) } else { _ = try temp.store().open("acme") }
        }
        #expect(clock.now - start < .seconds(5))
        #expect(error == .unsafe(path: path, problem: .notRegularFile(kind: "a FIFO (named pipe)")))
    }

    @Test func aLostIdentityIsReportedNotReplaced() throws {
        let temp = TemporaryStore()
        try temp.store().save(Sample.envelope())
        unlink(temp.location.identityPath)
        for (name, operation) in Self.operations where name != "remove" {
            let error = Self.storeError { try operation(temp.store()) }
            #expect(error == .identityMissing(path: temp.location.identityPath, credentialFiles: 1), "\(name)")
            #expect(error?.exitStatus == .storeFailure)
            #expect(error?.hints.contains { $0.contains("lakeflow-auth identity --new") } == true)
        }
        #expect(!FileManager.default.fileExists(atPath: temp.location.identityPath))
        let key = try temp.store().newIdentity()
        #expect(key.hasPrefix("age1"))
        #expect(try temp.store().publicKey() == key)
        #expect(Self.storeError { _ = try temp.store().newIdentity() } == .identityExists(path: temp.location.identityPath))
    }

    @Test func anOversizedIdentityFileIsNamedAsOne() throws {
        let temp = TemporaryStore()
        try temp.store().save(Sample.envelope())
        temp.write(Array(repeating: 0x41, count: 70 * 1024), to: temp.location.identityPath)
        let error = try #require(Self.storeError { _ = try temp.store().open("acme") })
        #expect(error.message.contains("which no identity file is"))
        #expect(!error.hints.joined().contains("rm <connector>"))
    }

    @Test func removingWithoutAStoreIsNothingStored() throws {
        let temp = TemporaryStore()
        let error = Self.storeError { try temp.store().remove("acme") }
        #expect(error == .notFound(connector: "acme", path: temp.location.credentialPath("acme")))
        #expect(error?.exitStatus == .storeFailure)
    }
}
