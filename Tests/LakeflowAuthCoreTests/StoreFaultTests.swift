import Foundation
import LakeflowAuthCore
import Testing

@Suite struct StoreFaultTests {
    @Test func aSecondWriterWaitsABoundedTimeThenFailsAndChangesNothing() throws {
        let temp = TemporaryStore()
        try temp.store().save(Sample.envelope())
        let before = temp.bytes(temp.location.credentialPath("acme"))
        let holder = open(temp.location.lockPath, O_RDWR)
        defer { close(holder) }
        #expect(flock(holder, LOCK_EX) == 0)
        let started = ContinuousClock.now
        let error = #expect(throws: StoreError.self) {
            try temp.store(lockTimeout: .milliseconds(300)).save(Sample.envelope(apiKey: "second writer"))
        }
        #expect(ContinuousClock.now - started >= .milliseconds(300))
        #expect(error == .locked(path: temp.location.lockPath, waited: .milliseconds(300)))
        #expect(error?.message == "\(temp.location.lockPath): the store is locked by another lakeflow-auth process (waited 0.3 s)")
        #expect(error?.exitStatus == .storeFailure)
        #expect(temp.bytes(temp.location.credentialPath("acme")) == before)
        flock(holder, LOCK_UN)
        try temp.store(lockTimeout: .milliseconds(300)).save(Sample.envelope(apiKey: "second writer"))
    }

    @Test func tempFilesOfKilledSavesAreRemovedByTheNextSave() throws {
        let temp = TemporaryStore()
        try temp.store().save(Sample.envelope())
        temp.write(Array("half a ciphertext".utf8), to: temp.location.credentialsFolder + "/.tmp-4242-17")
        try temp.store().save(Sample.envelope(apiKey: "next"))
        #expect(temp.files(in: temp.location.credentialsFolder) == [".lock", ".written", "acme.age", "index.json"])
    }

    @Test func twentyConcurrentSavesAllFinishAndLeaveOneValidFile() async throws {
        let temp = TemporaryStore()
        _ = try temp.store().publicKey()
        let keys = (0..<20).map { "sk_concurrent_\($0)_0123456789" }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for key in keys {
                group.addTask { try temp.store().save(Sample.envelope(apiKey: key)) }
            }
            try await group.waitForAll()
        }
        let stored = try temp.store().open("acme")
        #expect(keys.contains(stored.options.first?.1.stringValue ?? ""))
        #expect(temp.files(in: temp.location.credentialsFolder) == [".lock", ".written", "acme.age", "index.json"])
    }

    /// SIGKILL lands anywhere in a save: before the temp file, inside the write, between fsync and
    /// rename, after. Whatever the moment, the stored file is the old one or the new one, whole.
    @Test func aSaveLoopKilledAtRandomMomentsLeavesAWholeFile() throws {
        let temp = TemporaryStore()
        try temp.store().save(Sample.envelope(apiKey: SaveLoop.key(0)))
        var outcomes = Set<String>()
        var killedMidWrite = 0
        for _ in 0..<200 {
            let child = try SaveLoop.start(home: temp.home)
            usleep(UInt32.random(in: 20_000...90_000))
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            let stored = try temp.store().open("acme")
            let key = try #require(stored.options.first?.1.stringValue)
            #expect(SaveLoop.isKey(key), "the stored file holds \(key)")
            outcomes.insert(key)
            if temp.files(in: temp.location.credentialsFolder).contains(where: { $0.hasPrefix(".tmp-") }) { killedMidWrite += 1 }
        }
        #expect(killedMidWrite > 0, "no kill landed while a temp file was being written")
        #expect(outcomes.count > 1, "the child never completed a save before it was killed")
        try temp.store().save(Sample.envelope(apiKey: SaveLoop.key(0)))
        #expect(temp.files(in: temp.location.credentialsFolder) == [".lock", ".written", "acme.age", "index.json"])
    }

    /// The child of the test above: this test bundle run again, saving in a loop until it is killed.
    @Test(.enabled(if: SaveLoop.childHome != nil, "the save loop that the SIGKILL test starts and kills; not a check of its own"))
    func saveLoopChild() throws {
        let store = CredentialStore(keeper: IdentityKeeper(location: StoreLocation(home: SaveLoop.childHome!), passphrase: nil))
        for round in 1... {
            try store.save(Sample.envelope(apiKey: SaveLoop.key(round)))
        }
    }
}

enum SaveLoop {
    static let homeVariable = "LAKEFLOW_AUTH_TEST_SAVE_LOOP_HOME"
    static var childHome: String? { ProcessInfo.processInfo.environment[homeVariable] }

    static func key(_ round: Int) -> String { "sk_round_\(round)_" + String(repeating: "x", count: round % 97) }

    static func isKey(_ text: String) -> Bool {
        let parts = text.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 4, let round = Int(parts[2]) else { return false }
        return text == key(round)
    }

    static func start(home: String) throws -> Process {
        let process = Process()
        process.executableURL = Bundle.main.executableURL
        process.arguments = ["--testing-library", "swift-testing", "--filter", "StoreFaultTests/saveLoopChild"]
        process.environment = ProcessInfo.processInfo.environment.merging([homeVariable: home]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
