import Foundation
#if canImport(Testing)
import Testing
#endif

/// The material kept beside the package in `../shared` (the real connector specs, the age test
/// vectors), read where it lies and never copied in. A fresh clone has no `../shared`: the tests that
/// need it are then skipped, saying so, through `required`, the one check every such test uses.
public struct SharedCorpus: Sendable {
    /// The real `connector_spec.yaml` files of the community connectors, one `<name>.yaml` each.
    public static let connectorSpecs = SharedCorpus("connector-specs")
    /// The C2SP age test suite.
    public static let ageTestVectors = SharedCorpus("testdata/age")

    /// As the skip note names it: `../shared/connector-specs`.
    public let shownPath: String
    public let path: String

    init(_ folder: String) {
        shownPath = "../shared/" + folder
        // This file is `Tests/SharedCorpus/SharedCorpus.swift`; `../shared` is beside the package root.
        path = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(shownPath).standardizedFileURL.path
    }

    public var isAvailable: Bool { FileManager.default.fileExists(atPath: path) }

    public var skipNote: String { "skipped: \(shownPath) not found beside the package" }

    /// The path of one file in the folder.
    public func file(_ name: String) -> String { path + "/" + name }

    /// The path of one real spec: `spec("github")` is `…/connector-specs/github.yaml`.
    public func spec(_ connector: String) -> String { file(connector + ".yaml") }

    /// The file names in the folder, sorted; none when it is absent.
    public var fileNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    /// The connectors of the real specs (file names without `.yaml`), sorted; none when absent.
    public var specNames: [String] {
        fileNames.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(".yaml".count)) }
    }
}

// Only tests use the trait. The release build links the Swift runtime statically, and the toolchain
// ships no static Testing module, so there this target is built without it.
#if canImport(Testing)
extension SharedCorpus {
    /// Skips the test or suite, with `skipNote`, where the folder is absent.
    public var required: ConditionTrait {
        .enabled(if: isAvailable, Comment(rawValue: skipNote))
    }
}
#endif
