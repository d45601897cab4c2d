import Foundation
import Testing

/// A mistyped command is named as the command it likely was, not taken for a connector nobody has;
/// a mistyped stored connector gets the stored name; help on nothing is an error.
struct CommandTypoTests {
    @Test func aMistypedCommandAloneNamesTheCommand() throws {
        let result = try LakeflowAuthProcess.run(["lst"])
        #expect(result.status == 2)
        #expect(result.stderr == """
            lakeflow-auth: error: "lst" is neither a command nor a connector
            lakeflow-auth: hint: did you mean `lakeflow-auth list`?
            lakeflow-auth: hint: `lakeflow-auth --help` lists the commands; `lakeflow-auth connectors` what can be set up

            """)
    }

    @Test func aMistypedCommandWithItsArgumentsGetsTheWholeLineCorrected() throws {
        let result = try LakeflowAuthProcess.run(["shwo", "acme", "--json"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("""
            lakeflow-auth: error: "shwo" is neither a command nor a connector
            lakeflow-auth: hint: did you mean `lakeflow-auth show acme --json`?

            """))
    }

    /// A command added to the root is suggested too: `version` is one of the last added.
    @Test func everyCommandOfTheRootIsSuggested() throws {
        let result = try LakeflowAuthProcess.run(["verison"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("did you mean `lakeflow-auth version`?"))
    }

    @Test func aConnectorTypoStillGetsTheConnector() throws {
        let result = try LakeflowAuthProcess.run(["gthub", "--from-env"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("lakeflow-auth: error: no spec found for connector \"gthub\"; did you mean \"github\"?\n"))
    }

    @Test func aConnectorNamedNearACommandIsTakenAsOne() throws {
        // `lis` is one edit from `list`, but a spec names it: it is a connector, and its own mistakes are said.
        let specs = FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-typo-specs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: specs) }
        try FileManager.default.createDirectory(at: specs.appendingPathComponent("lis"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: LakeflowAuthProcess.packageRoot.appendingPathComponent("specs/acme/options.yaml"),
                                         to: specs.appendingPathComponent("lis/options.yaml"))
        let environment = ["LAKEFLOW_AUTH_SPECS": specs.path, "LAKEFLOW_AUTH_HOME": specs.path + "/home"]
        let missing = try LakeflowAuthProcess.run(["lis", "--from-env"], environment: environment)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("LIS_"), "\(missing.stderr)")
        let extra = try LakeflowAuthProcess.run(["lis", "extra"], environment: environment)
        #expect(extra.status == 2)
        #expect(extra.stderr.hasPrefix("lakeflow-auth: error: unexpected argument 'extra'\n"), "\(extra.stderr)")
        for result in [missing, extra] { #expect(!result.stderr.contains("neither a command")) }
    }

    @Test func helpOnNoCommandIsAnErrorNamingTheNearest() throws {
        let near = try LakeflowAuthProcess.run(["help", "lst"])
        #expect(near.status == 2)
        #expect(near.stdout.isEmpty)
        #expect(near.stderr == """
            lakeflow-auth: error: no command named "lst" to help with
            lakeflow-auth: hint: did you mean `lakeflow-auth help list`?
            lakeflow-auth: hint: `lakeflow-auth --help` lists the commands

            """)
        let far = try LakeflowAuthProcess.run(["help", "nosuch"])
        #expect(far.status == 2)
        #expect(far.stderr == """
            lakeflow-auth: error: no command named "nosuch" to help with
            lakeflow-auth: hint: `lakeflow-auth --help` lists the commands

            """)
        let real = try LakeflowAuthProcess.run(["help", "show"])
        #expect(real.status == 0)
        #expect(real.stdout.contains("USAGE: lakeflow-auth show <connector>"))
    }

    @Test func aMistypedStoredConnectorGetsTheStoredName() throws {
        let fixture = StoreFixture()
        try fixture.sealWithAge(SampleEnvelope.json(connector: "fhir"), connector: "fhir")
        for command in [["show", "fihr"], ["export", "fihr"], ["rm", "fihr", "--yes"]] {
            let result = try fixture.lakeflowAuth(command)
            #expect(result.status == 5)
            #expect(result.stderr == """
                lakeflow-auth: error: no stored credentials for "fihr"; did you mean "fhir"?
                lakeflow-auth: hint: `lakeflow-auth list` shows what is stored

                """, "\(command)")
        }
    }
}
