import Foundation

/// A fresh folder under the temporary directory, removed when the value goes away.
final class TemporaryFolder: Sendable {
    let path: String

    init() {
        var template = Array((NSTemporaryDirectory() + "/lakeflow-folder-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        path = URL(fileURLWithPath: made).resolvingSymlinksInPath().path
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` at `relative`, making the folders on the way.
    @discardableResult
    func write(_ text: String, to relative: String) -> String {
        let file = path + "/" + relative
        try? FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        return file
    }
}
