import Foundation
import LakeflowAuthCore
import Testing

/// A rotation reaches each connection's workspace by the address it was made in: the profile named,
/// else `DATABRICKS_HOST` when it is that workspace, else the configuration file's profile for it.
@Suite struct WorkspaceByAddressTests {
    static func configured(_ text: String) -> (TemporaryFolder, [String: String]) {
        let folder = TemporaryFolder()
        let path = folder.write(text, to: "databrickscfg")
        return (folder, ["HOME": folder.path, "DATABRICKS_CONFIG_FILE": path])
    }

    static let config = """
        [DEFAULT]
        host = https://adb-1.example.net
        token = dapi-default

        [prod]
        host = https://adb-2.example.net/
        token = dapi-prod
        """

    @Test func theAddressIsTheOriginAsAConnectionRecordKeepsIt() throws {
        let workspace = try DatabricksWorkspace.find(environment: ["DATABRICKS_HOST": "adb-1.example.net/", "DATABRICKS_TOKEN": "t"],
                                                     profile: nil)
        #expect(workspace.address == "https://adb-1.example.net")
        let local = try DatabricksWorkspace.find(environment: ["DATABRICKS_HOST": "http://127.0.0.1:8080/", "DATABRICKS_TOKEN": "t"],
                                                 profile: nil)
        #expect(local.address == "http://127.0.0.1:8080")
    }

    @Test func theConfigurationFilesProfileForTheWorkspaceIsFound() throws {
        let (folder, environment) = Self.configured(Self.config)
        defer { _ = folder }
        let prod = try DatabricksWorkspace.find(address: "https://adb-2.example.net", environment: environment, profile: nil)
        #expect(prod.authentication == .token("dapi-prod"))
        let byDefault = try DatabricksWorkspace.find(address: "https://adb-1.example.net", environment: environment, profile: nil)
        #expect(byDefault.authentication == .token("dapi-default"))
        let fromEnvironment = try DatabricksWorkspace.find(address: "https://adb-2.example.net", environment: environment.merging([
            "DATABRICKS_HOST": "https://adb-2.example.net", "DATABRICKS_TOKEN": "dapi-env",
        ]) { $1 }, profile: nil)
        #expect(fromEnvironment.authentication == .token("dapi-env"))
    }

    @Test func aProfileOfAnotherWorkspaceOrNoneAtAllIsNamed() throws {
        let (folder, environment) = Self.configured(Self.config)
        defer { _ = folder }
        let other = #expect(throws: DatabricksError.self) {
            try DatabricksWorkspace.find(address: "https://adb-2.example.net", environment: environment, profile: "DEFAULT")
        }
        #expect(other?.message == "profile DEFAULT of ~/databrickscfg is the workspace https://adb-1.example.net, not https://adb-2.example.net")
        let none = #expect(throws: DatabricksError.self) {
            try DatabricksWorkspace.find(address: "https://adb-3.example.net", environment: environment, profile: nil)
        }
        #expect(none?.message == "no Databricks credentials found for the workspace https://adb-3.example.net")
        #expect(none?.hints.first?.hasPrefix("set DATABRICKS_HOST=https://adb-3.example.net and DATABRICKS_TOKEN") == true)
        #expect(none?.exitStatus == .badInput)
    }
}
