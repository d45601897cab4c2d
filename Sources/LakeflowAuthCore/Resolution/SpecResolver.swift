import Foundation

/// Finds the spec file for a connector name, first match wins (DESIGN.md, "Command line"):
/// `--spec FILE`; `$LAKEFLOW_AUTH_SPECS/<name>/`; `./specs/<name>/`; a lakeflow-community-connectors
/// checkout around the working directory; the specs that ship with the tool.
public struct SpecResolver: Sendable {
    public var environment: [String: String]
    public var workingDirectory: String
    /// Folders holding `<name>/` spec folders that ship with the tool.
    public var shippedSpecFolders: [String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                workingDirectory: String = FileManager.default.currentDirectoryPath,
                shippedSpecFolders: [String] = SpecResolver.foldersBesideExecutable()) {
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.shippedSpecFolders = shippedSpecFolders
    }

    static let checkoutSources = "src/databricks/labs/community_connector/sources"

    public func resolve(_ connector: String, specFile: String? = nil) throws -> String {
        if let specFile {
            guard FileManager.default.isReadableFile(atPath: specFile) else { throw ResolutionError.specFileMissing(specFile) }
            return specFile
        }
        guard ConnectorName.isValid(connector) else { throw ResolutionError.invalidName(connector) }
        for folder in candidateFolders() {
            for file in [SpecLoader.declarationsFileName, SpecLoader.databricksFileName] {
                let path = "\(folder)/\(connector)/\(file)"
                if FileManager.default.isReadableFile(atPath: path) { return path }
            }
        }
        throw ResolutionError.notFound(connector, searched: candidateFolders())
    }

    /// The spec for a name or a path: `spec inspect` takes either.
    public func resolve(nameOrFile argument: String) throws -> String {
        if argument.contains("/") || argument.hasSuffix(".yaml") || argument.hasSuffix(".yml") {
            return try resolve(SpecLoader.connectorName(forPath: argument), specFile: argument)
        }
        return try resolve(argument)
    }

    /// Where `spec <connector>` writes: beside the declarations.
    public func declarationsPath(_ connector: String) throws -> String {
        let path = try resolve(connector)
        guard path.hasSuffix("/" + SpecLoader.declarationsFileName) else {
            throw ResolutionError.noDeclarations(connector, found: path)
        }
        return path
    }

    func candidateFolders() -> [String] {
        var folders: [String] = []
        if let specs = environment["LAKEFLOW_AUTH_SPECS"], !specs.isEmpty { folders.append(specs) }
        folders.append(workingDirectory + "/specs")
        if let checkout = enclosingCheckout() { folders.append(checkout + "/" + SpecResolver.checkoutSources) }
        folders += shippedSpecFolders
        return folders
    }

    private func enclosingCheckout() -> String? {
        var url = URL(fileURLWithPath: workingDirectory).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: url.path + "/" + SpecResolver.checkoutSources) { return url.path }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// The tool ships its specs as `share/lakeflow-auth/specs` beside `bin/`, or, run from a build
    /// folder, as the package's own `specs/`.
    public static func foldersBesideExecutable() -> [String] {
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var folders = [executable.deletingLastPathComponent().deletingLastPathComponent().path + "/share/lakeflow-auth/specs"]
        var url = executable.deletingLastPathComponent()
        for _ in 0..<5 {
            if FileManager.default.fileExists(atPath: url.path + "/Package.swift") {
                folders.append(url.path + "/specs")
                break
            }
            url = url.deletingLastPathComponent()
        }
        return folders
    }
}

public enum ResolutionError: UserFacingError, Equatable {
    case specFileMissing(String)
    case invalidName(String)
    case notFound(String, searched: [String])
    case noDeclarations(String, found: String)

    public var message: String {
        switch self {
        case let .specFileMissing(path): return "\(path): cannot read the spec file"
        case let .invalidName(name): return "\"\(TerminalText.excerpt(name))\" is not a connector name"
        case let .notFound(name, _): return "no spec found for connector \"\(name)\""
        case let .noDeclarations(name, found):
            return "connector \"\(name)\" has no \(SpecLoader.declarationsFileName) to generate from (found \(found))"
        }
    }

    public var hints: [String] {
        switch self {
        case .specFileMissing: return ["check the path given to --spec"]
        case .invalidName: return ["connector names use letters, digits, '_' and '-'"]
        case let .notFound(name, searched):
            return ["looked for \(name)/\(SpecLoader.declarationsFileName) or \(name)/\(SpecLoader.databricksFileName) in: "
                + searched.joined(separator: ", "), "or point at a file with --spec FILE"]
        case .noDeclarations: return ["write specs/<name>/options.yaml; see specs/README.md"]
        }
    }

    public var exitStatus: ExitStatus { .badInput }
}
