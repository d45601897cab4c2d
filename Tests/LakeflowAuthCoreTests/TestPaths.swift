import Foundation
import Testing

/// Where the tests find the package's own files and the read-only `../shared/` folder beside it.
enum TestPaths {
    static let packageRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static let connectorSpecs = packageRoot + "/../shared/connector-specs"

    /// The tests that need the real specs are skipped, with this said, on a machine without them.
    static let hasConnectorSpecs = FileManager.default.fileExists(atPath: connectorSpecs)
    static let skipNote: Comment = "skipped: ../shared/connector-specs is absent"

    static func connectorSpecFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: connectorSpecs)
            .filter { $0.hasSuffix(".yaml") }.sorted().map { connectorSpecs + "/" + $0 }
    }

    static let acmeDeclarations = packageRoot + "/specs/acme/options.yaml"
    static let acmeConnectorSpec = packageRoot + "/specs/acme/connector_spec.yaml"
}
