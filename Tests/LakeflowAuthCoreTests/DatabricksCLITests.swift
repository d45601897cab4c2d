import Foundation
@testable import LakeflowAuthCore
import Testing

/// `databricks auth token`, as a profile with `auth_type = databricks-cli` runs it: a CLI that hangs or
/// prints without end is stopped, within its time and size.
@Suite(.timeLimit(.minutes(1)))
struct DatabricksCLITests {
    /// A stand-in for the Databricks CLI: a shell script with the given body.
    static func fakeCLI(_ body: String, in folder: TemporaryFolder) -> String {
        let path = folder.write("#!/bin/sh\n" + body + "\n", to: "databricks")
        chmod(path, 0o755)
        return path
    }

    @Test func aTokenItPrintsIsTaken() throws {
        let folder = TemporaryFolder()
        let cli = Self.fakeCLI(#"[ "$1 $2 $3 $4" = "auth token --profile prod" ] && echo '{"access_token": "dapi-from-cli"}'"#, in: folder)
        #expect(try DatabricksToken.cliToken(profile: "prod", command: cli, timeout: .seconds(10)) == "dapi-from-cli")
    }

    @Test func aCLIThatHangsIsStoppedAtItsTimeout() throws {
        let folder = TemporaryFolder()
        let cli = Self.fakeCLI("exec sleep 60", in: folder)
        let started = ContinuousClock.now
        #expect(throws: DatabricksError.cliFailed(profile: "prod", problem: "it did not answer within 1 seconds, so it was stopped")) {
            _ = try DatabricksToken.cliToken(profile: "prod", command: cli, timeout: .seconds(1))
        }
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test func aCLIThatPrintsWithoutEndIsStoppedAtItsLimit() throws {
        let folder = TemporaryFolder()
        let cli = Self.fakeCLI("exec yes '{\"access_token\": \"x\"}'", in: folder)
        #expect(throws: DatabricksError.cliFailed(profile: "prod", problem: "it printed more than 64 KiB, so it was stopped")) {
            _ = try DatabricksToken.cliToken(profile: "prod", command: cli, timeout: .seconds(10))
        }
    }

    @Test func aCLIThatFailsOrAnswersWithoutATokenSaysSo() throws {
        let folder = TemporaryFolder()
        #expect(throws: DatabricksError.cliFailed(profile: "p", problem: "it exited with status 3")) {
            _ = try DatabricksToken.cliToken(profile: "p", command: Self.fakeCLI("exit 3", in: folder), timeout: .seconds(10))
        }
        let other = TemporaryFolder()
        #expect(throws: DatabricksError.cliFailed(profile: "p", problem: "its output has no access_token")) {
            _ = try DatabricksToken.cliToken(profile: "p", command: Self.fakeCLI("echo '{}'", in: other), timeout: .seconds(10))
        }
    }
}
