/// `~/.databrickscfg`: INI sections named by profile, `key = value` lines, `#` and `;` comments, as
/// the Databricks CLI and SDKs read it.
public struct DatabricksConfigFile: Sendable, Equatable {
    /// A profile file is a few hundred bytes; anything far larger is not one.
    static let sizeLimit = 256 * 1024

    public let path: String
    public let profiles: [String: [String: String]]

    public init(path: String, text: String) {
        self.path = path
        var profiles: [String: [String: String]] = [:]
        var current: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = rawLine.trimmingSpaces
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                let name = line.dropFirst().dropLast().trimmingSpaces
                current = name
                profiles[name, default: [:]] = profiles[name] ?? [:]
                continue
            }
            guard let current, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingSpaces.lowercased()
            let value = line[line.index(after: equals)...].trimmingSpaces
            profiles[current, default: [:]][key] = value
        }
        self.profiles = profiles
    }

    /// The file at `path`; nil when there is none.
    public static func load(path: String) throws(DatabricksError) -> DatabricksConfigFile? {
        do {
            let bytes = try BoundedFile.read(path, limit: sizeLimit).bytes
            return DatabricksConfigFile(path: path, text: String(decoding: bytes, as: UTF8.self))
        } catch {
            switch error {
            case .notFound: return nil
            case .tooLarge: throw .unreadableConfig(path: path, problem: "it is larger than \(sizeLimit / 1024) KiB")
            case let .notRegular(kind): throw .unreadableConfig(path: path, problem: "it is \(kind)")
            case .symbolicLink, .system: throw .unreadableConfig(path: path, problem: "it cannot be read")
            }
        }
    }
}
