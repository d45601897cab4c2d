import Foundation
import Testing

/// Where the tests find the package's own files and the shared material beside the package.
enum PackagePaths {
    /// The package root: this file is `Tests/LakeflowAuthCoreTests/Support/PackagePaths.swift`.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let acmeDeclarations = root.appendingPathComponent("specs/acme/options.yaml").path
    static let acmeGenerated = root.appendingPathComponent("specs/acme/connector_spec.yaml").path

    /// The 29 real `connector_spec.yaml` files, kept outside the package in `../shared`.
    static let sharedSpecs: URL = root.appendingPathComponent("../shared/connector-specs").standardizedFileURL

    static var sharedSpecsAvailable: Bool {
        FileManager.default.fileExists(atPath: sharedSpecs.path)
    }

    static let sharedSpecsMissing: Comment = "skipped: ../shared/connector-specs not found beside the package"

    static func sharedSpec(_ name: String) -> String {
        sharedSpecs.appendingPathComponent("\(name).yaml").path
    }

    static func sharedSpecNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: sharedSpecs.path)
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }
}
