import FoundationEssentials
import Glibc

/// A folder searched for connector specs, and how a person would spell it in a message.
public struct SpecFolder: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `$LAKEFLOW_AUTH_SPECS`.
        case environment
        /// `./specs`.
        case workingDirectory
        /// The sources of an enclosing lakeflow-community-connectors checkout.
        case checkout
    }

    /// Standardized and absolute, so one folder reached two ways is searched and listed once.
    public let path: String
    public let kind: Kind
    /// `./specs`, `~/src/…`, or the absolute path: relative to where the person stands when it can be.
    public let shown: String

    init(_ path: String, kind: Kind, workingDirectory: String, home: String?) {
        let absolute = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        self.path = URL(fileURLWithPath: absolute).standardizedFileURL.path
        self.kind = kind
        shown = SpecFolder.spelled(self.path, workingDirectory: workingDirectory, home: home)
    }

    /// Where `name`'s spec may be in this folder, in the order they are tried.
    func candidates(_ name: String) -> [String] {
        [path + "/" + name + "/" + SpecLoader.declarationsFileName,
         path + "/" + name + "/" + SpecLoader.databricksFileName,
         path + "/" + name + SpecFolder.flatSuffix]
    }

    /// Connector names this folder holds a spec for: `<name>/options.yaml`, `<name>/connector_spec.yaml`
    /// or a flat `<name>.yaml`.
    func connectorNames() -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let names = entries.map { $0.hasSuffix(SpecFolder.flatSuffix) ? String($0.dropLast(SpecFolder.flatSuffix.count)) : $0 }
        return Set(names).filter { ConnectorName.isValid($0) && spec($0) != nil }.sorted()
    }

    /// The first readable candidate for `name`.
    func spec(_ name: String) -> String? {
        candidates(name).first { FileManager.default.isReadableFile(atPath: $0) && !isFolder($0) }
    }

    /// A path shown as a person would type it: `./specs/acme`, `~/specs/fhir.yaml`, or as it is.
    public func spelled(_ file: String) -> String {
        let relative = file.hasPrefix(path + "/") ? String(file.dropFirst(path.count)) : ""
        return relative.isEmpty ? file : shown + relative
    }

    static let flatSuffix = ".yaml"

    static func spelled(_ path: String, workingDirectory: String, home: String?) -> String {
        let here = URL(fileURLWithPath: workingDirectory).standardizedFileURL.path
        if path == here { return "." }
        if path.hasPrefix(here == "/" ? "/" : here + "/") { return "./" + path.dropFirst(here == "/" ? 1 : here.count + 1) }
        if let home, !home.isEmpty, home != "/" {
            let homePath = URL(fileURLWithPath: home).standardizedFileURL.path
            if path == homePath { return "~" }
            if path.hasPrefix(homePath + "/") { return "~/" + path.dropFirst(homePath.count + 1) }
        }
        return path
    }

    private func isFolder(_ path: String) -> Bool {
        var folder = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder
    }
}
