import Foundation

/// Where the tests find the package's own files (the material beside it is `SharedCorpus`'s).
enum PackagePaths {
    /// The package root: this file is `Tests/LakeflowAuthCoreTests/Support/PackagePaths.swift`.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let acmeDeclarations = root.appendingPathComponent("specs/acme/options.yaml").path
    static let acmeGenerated = root.appendingPathComponent("specs/acme/connector_spec.yaml").path
}
