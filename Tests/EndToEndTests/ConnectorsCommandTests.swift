import Foundation
import Testing

/// Finding connectors: what can be set up, from where, and what a mistyped name is told; a copied
/// binary finds its own specs wherever it is run.
struct ConnectorsCommandTests {
    @Test func connectorsListsTheBuiltInSpecsWithTheirMethodsAndChecks() throws {
        let elsewhere = StoreFixture()
        let result = try LakeflowAuthProcess.run(["connectors"], workingDirectory: URL(fileURLWithPath: elsewhere.folder))
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.split(separator: " ") == ["CONNECTOR", "AUTH", "METHOD", "CHECK", "SPEC"])
        let acme = try #require(lines.firstIndex { $0.hasPrefix("acme ") })
        #expect(lines[acme].contains("api_key") && lines[acme].contains("GET /v1/workspaces/{workspace}/me") && lines[acme].hasSuffix("built in"))
        #expect(lines[acme + 1].trimmingCharacters(in: .whitespaces).hasPrefix("basic "))
        #expect(lines.contains { $0.hasPrefix("github ") && $0.contains("GET /user") })
    }

    @Test func aFolderOfFlatSpecsInLakeflowAuthSpecsIsListedAndUsed() throws {
        let fixture = StoreFixture()
        let folder = fixture.folder
        try FileManager.default.createDirectory(atPath: folder + "/corpus", withIntermediateDirectories: true)
        try "display_name: Flat\nconnection:\n  parameters:\n    - name: host\n".write(toFile: folder + "/corpus/flat.yaml", atomically: false, encoding: .utf8)
        let environment = ["LAKEFLOW_AUTH_SPECS": folder + "/corpus"]
        let here = URL(fileURLWithPath: folder)
        let listed = try LakeflowAuthProcess.run(["connectors"], environment: environment, workingDirectory: here)
        #expect(listed.stdout.split(separator: "\n").contains { $0.hasPrefix("flat ") && $0.contains("none declared") && $0.hasSuffix("./corpus/flat.yaml") })
        let inspected = try LakeflowAuthProcess.run(["spec", "inspect", "flat", "--json"], environment: environment, workingDirectory: here)
        #expect(inspected.status == 0)
        #expect(inspected.stdout.contains(#""display_name": "Flat""#))
    }

    @Test func anUnknownConnectorGetsDidYouMeanAndEachFolderOnce() throws {
        let fixture = StoreFixture()
        let folder = fixture.folder
        let result = try LakeflowAuthProcess.run(["gthub", "--from-env"], environment: ["LAKEFLOW_AUTH_SPECS": "specs"],
                                                 workingDirectory: URL(fileURLWithPath: folder))
        #expect(result.status == 2)
        #expect(result.stderr == """
            lakeflow-auth: error: no spec found for connector "gthub"; did you mean "github"?
            lakeflow-auth: hint: looked for gthub/options.yaml, gthub/connector_spec.yaml or gthub.yaml in ./specs and among the built-in specs
            lakeflow-auth: hint: `lakeflow-auth connectors` lists what can be set up; --spec FILE reads any spec

            """)
    }

    /// The issue's case: installed into a bin folder and run by bare name from elsewhere, the binary
    /// found no spec because it looked beside argv[0] taken against the working directory.
    @Test func aCopiedBinaryRunByNameFromAnotherFolderFindsItsSpecs() throws {
        let fixture = StoreFixture()
        let folder = fixture.folder
        let installed = folder + "/bin/lakeflow-auth"
        try FileManager.default.createDirectory(atPath: folder + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: try LakeflowAuthProcess.builtBinary().path, toPath: installed)
        try FileManager.default.createDirectory(atPath: folder + "/work", withIntermediateDirectories: true)
        let environment = ["PATH": folder + "/bin:/usr/bin:/bin", "HOME": folder, "LAKEFLOW_AUTH_HOME": folder + "/home"]
        let inspect = try LakeflowAuthProcess.run(executable: URL(fileURLWithPath: "/bin/sh"),
                                                  ["-c", "lakeflow-auth spec inspect acme --json"], environment: environment,
                                                  workingDirectory: URL(fileURLWithPath: folder + "/work"))
        #expect(inspect.status == 0, "\(inspect.stderr)")
        #expect(inspect.stdout.contains(#""display_name": "Acme""#))
        let headless = try LakeflowAuthProcess.run(executable: URL(fileURLWithPath: "/bin/sh"),
                                                   ["-c", "lakeflow-auth github --from-env --no-probe"],
                                                   environment: environment.merging(["GITHUB_TOKEN": "ghp_example"]) { $1 },
                                                   workingDirectory: URL(fileURLWithPath: folder + "/work"))
        #expect(headless.status == 0, "\(headless.stderr)")
        #expect(headless.stdout.contains("saved unverified (--no-probe)"))
    }
}
