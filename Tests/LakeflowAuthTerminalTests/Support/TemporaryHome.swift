import Foundation
import LakeflowAuthCore

/// A credential store in a fresh temporary folder, removed when the value goes away.
final class TemporaryHome: Sendable {
    let path: String

    init() {
        var template = Array((NSTemporaryDirectory() + "/lakeflow-terminal-XXXXXX").utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) } + "/home"
    }

    deinit { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }

    var environment: [String: String] { ["LAKEFLOW_AUTH_HOME": path] }
    var store: CredentialStore { CredentialStore(environment: environment) }

    /// Writes `text` beside the store and returns its path.
    func file(_ name: String, _ text: String) -> String {
        let file = (path as NSString).deletingLastPathComponent + "/" + name
        FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        return file
    }
}
