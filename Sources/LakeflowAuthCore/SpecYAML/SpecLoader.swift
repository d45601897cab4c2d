/// Loads a connector's spec from either format; the file name tells which.
public enum SpecLoader {
    public static let declarationsFileName = "options.yaml"
    public static let databricksFileName = "connector_spec.yaml"

    public static func load(path: String, connector: String? = nil) throws -> ConnectorSpec {
        let root = try SpecDocument.root(ofFile: path)
        return try read(root, path: path, connector: connector)
    }

    /// For specs that are not files on disk (tests, fuzzing).
    public static func load(text: String, path: String, connector: String? = nil) throws -> ConnectorSpec {
        let root = try SpecDocument.root(ofText: Array(text.utf8), path: path)
        return try read(root, path: path, connector: connector)
    }

    private static func read(_ root: SpecNode, path: String, connector: String?) throws -> ConnectorSpec {
        let name = connector ?? connectorName(forPath: path)
        if fileName(path) == declarationsFileName {
            return try DeclarationsReader.read(root, connector: name)
        }
        return try DatabricksSpecReader.read(root, connector: name)
    }

    /// `specs/acme/options.yaml` and `…/acme/connector_spec.yaml` are acme's; `github.yaml` is github's.
    public static func connectorName(forPath path: String) -> String {
        let components = path.split(separator: "/").map(String.init)
        let file = components.last ?? path
        if [declarationsFileName, databricksFileName].contains(file), components.count >= 2 {
            return components[components.count - 2]
        }
        return file.hasSuffix(".yaml") || file.hasSuffix(".yml") ? String(file.prefix { $0 != "." }) : file
    }

    private static func fileName(_ path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }
}
