import Foundation
import Testing

/// The browser tests' chromedriver is started again when the port it took turns out to be held on its
/// other address, and only then; shown with a stand-in that fails as chromedriver does.
struct ChromeDriverLaunchTests {
    static let standIn = LakeflowAuthProcess.packageRoot.appendingPathComponent("Tests/Fixtures/port-clash-chromedriver/chromedriver").path

    /// A folder of its own for the stand-in's run counter, and the environment that points it there.
    struct Runs {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-chromedriver-\(UUID().uuidString)").path

        init() throws {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }

        func environment(clashes: Int, otherFailure: Bool = false) -> [String: String] {
            ["PATH": "/usr/bin:/bin", "PORT_CLASH_COUNTER": folder + "/runs", "PORT_CLASH_RUNS": String(clashes)]
                .merging(otherFailure ? ["PORT_CLASH_OTHER_FAILURE": "1"] : [:]) { $1 }
        }

        var count: Int? {
            (try? String(contentsOfFile: folder + "/runs", encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }

        func remove() { try? FileManager.default.removeItem(atPath: folder) }
    }

    @Test func aPortTakenOnItsOtherAddressStartsItAgain() throws {
        let runs = try Runs()
        defer { runs.remove() }
        let launch = try ChromeDriverLaunch.start(executable: Self.standIn, environment: runs.environment(clashes: 2))
        defer { WebDriver.end(launch.process) }
        #expect(runs.count == 3)
        #expect(launch.port == 4222, "the port of the run that started")
        #expect(launch.process.isRunning)
    }

    @Test func itGivesUpAfterItsAttemptsSayingWhy() throws {
        let runs = try Runs()
        defer { runs.remove() }
        let error = try #require(throws: ChromeDriverLaunch.Failure.self) {
            try ChromeDriverLaunch.start(executable: Self.standIn, environment: runs.environment(clashes: 9), attempts: 3)
        }
        #expect(error.description.contains("found its port taken 3 times"))
        #expect(error.description.contains("IPv4 port not available"))
        #expect(runs.count == 3)
    }

    @Test func anotherFailureIsNotRetried() throws {
        let runs = try Runs()
        defer { runs.remove() }
        let error = try #require(throws: WebDriver.Failure.self) {
            try ChromeDriverLaunch.start(executable: Self.standIn, environment: runs.environment(clashes: 0, otherFailure: true))
        }
        #expect(error.description.contains("Permission denied"))
        #expect(runs.count == 1)
    }
}
