import ArgumentParser
import LakeflowAuthCore
@testable import lakeflow_auth
import Testing

/// `CommandRoute` parses the named command alone; what it gives must be what the root parse gives.
@Suite struct CommandRouteTests {
    @Test func findsANestedCommandByItsWords() throws {
        let command = try #require(try CommandRoute.parse(["spec", "inspect", "fhir.yaml", "--json"]) as? SpecCommand.Inspect)
        let root = try #require(try LakeflowAuthCommand.parseAsRoot(["spec", "inspect", "fhir.yaml", "--json"]) as? SpecCommand.Inspect)
        #expect(command.target == root.target)
        #expect(command.json == root.json)
    }

    @Test func aWordThatNamesNoCommandIsAConnector() throws {
        let command = try #require(try CommandRoute.parse(["connection-tests", "--plain"]) as? WizardCommand)
        #expect(command.connector == "connection-tests")
        #expect(command.plain)
    }

    @Test func aDefaultSubcommandIsFollowed() throws {
        let command = try #require(try CommandRoute.parse(["spec", "acme", "--check"]) as? SpecCommand.Generate)
        #expect(command.check)
    }

    /// A mistake gets the root parse's error, whose message names the whole command line.
    @Test(arguments: [["list", "--bogus"], ["acme", "--plain", "--from-env"], ["spec", "inspect"], ["connection", "create", "acme"]])
    func aMistakeIsReportedAsTheRootParseReportsIt(_ line: [String]) {
        let routed = #expect(throws: (any Error).self) { try CommandRoute.parse(line) }
        let root = #expect(throws: (any Error).self) { try LakeflowAuthCommand.parseAsRoot(line) }
        #expect(routed.map(LakeflowAuthCommand.message(for:)) == root.map(LakeflowAuthCommand.message(for:)))
    }

    /// The core's list of the words that are commands (for `wizard <name>` and its hints) is the root's.
    @Test func theCoreKnowsEveryCommandTheRootDeclares() {
        #expect(ConnectorName.subcommands == Set(CommandTypo.commandNames))
    }
}
