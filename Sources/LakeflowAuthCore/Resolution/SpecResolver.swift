import FoundationEssentials

/// Finds the spec for a connector name, first match wins (docs/DESIGN.md, "Command line"): `--spec FILE`;
/// `$LAKEFLOW_AUTH_SPECS`; `./specs`; a lakeflow-community-connectors checkout around the working
/// directory; the specs built into the binary. In each folder `<name>/options.yaml`,
/// `<name>/connector_spec.yaml` or a flat `<name>.yaml`.
///
/// Nothing depends on where the executable lies, so a copied or installed binary behaves the same.
public struct SpecResolver: Sendable {
    public var environment: [String: String]
    public var workingDirectory: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    static let checkoutSources = "src/databricks/labs/community_connector/sources"

    public func resolve(_ connector: String, specFile: String? = nil) throws -> ResolvedSpec {
        if let specFile {
            guard FileManager.default.isReadableFile(atPath: specFile) else { throw ResolutionError.specFileMissing(specFile) }
            return ResolvedSpec(connector: connector, path: specFile, source: .file)
        }
        guard ConnectorName.isValid(connector) else { throw ResolutionError.invalidName(connector) }
        let folders = searchedFolders()
        for folder in folders {
            if let path = folder.spec(connector) { return ResolvedSpec(connector: connector, path: path, source: .folder(folder)) }
        }
        if BuiltInSpecs.declarations[connector] != nil { return .builtIn(connector) }
        let known = Set(folders.flatMap { $0.connectorNames() } + BuiltInSpecs.declarations.keys)
        throw ResolutionError.notFound(connector, searched: folders.map(\.shown),
                                       suggestions: NameSuggestion.closest(to: connector, among: Array(known)))
    }

    /// The spec for a name or a path: `spec inspect` takes either.
    public func resolve(nameOrFile argument: String) throws -> ResolvedSpec {
        if argument.contains("/") || argument.hasSuffix(".yaml") || argument.hasSuffix(".yml") {
            return try resolve(SpecLoader.connectorName(forPath: argument), specFile: argument)
        }
        return try resolve(argument)
    }

    /// Where `spec <connector>` writes: beside the declarations, which must be a file.
    public func declarationsPath(_ connector: String) throws -> String {
        let resolved = try resolve(connector)
        guard resolved.isDeclarations, resolved.source != .builtIn else {
            throw ResolutionError.noDeclarations(connector, found: resolved.shownSource)
        }
        return resolved.path
    }

    /// Every connector that can be set up from here, each as the first match would find it.
    public func available() -> [ResolvedSpec] {
        var found: [String: ResolvedSpec] = [:]
        for folder in searchedFolders() {
            for name in folder.connectorNames() where found[name] == nil {
                if let path = folder.spec(name) { found[name] = ResolvedSpec(connector: name, path: path, source: .folder(folder)) }
            }
        }
        for name in BuiltInSpecs.declarations.keys where found[name] == nil { found[name] = .builtIn(name) }
        return found.keys.sorted().compactMap { found[$0] }
    }

    /// The folders searched, in order, each once however many ways it was named.
    public func searchedFolders() -> [SpecFolder] {
        let home = environment["HOME"]
        var folders: [SpecFolder] = []
        if let specs = environment["LAKEFLOW_AUTH_SPECS"], !specs.isEmpty {
            folders.append(SpecFolder(specs, kind: .environment, workingDirectory: workingDirectory, home: home))
        }
        folders.append(SpecFolder("specs", kind: .workingDirectory, workingDirectory: workingDirectory, home: home))
        if let checkout = enclosingCheckout() {
            folders.append(SpecFolder(checkout + "/" + SpecResolver.checkoutSources, kind: .checkout,
                                      workingDirectory: workingDirectory, home: home))
        }
        var seen = Set<String>()
        return folders.filter { seen.insert($0.path).inserted }
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
}
