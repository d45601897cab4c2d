/// The folder part of a path, as `NSString.deletingLastPathComponent` gave it: `/a/b` → `/a`,
/// `/a` → `/`, `a` → `` (the current folder), trailing slashes ignored.
public enum ParentPath {
    public static func of(_ path: String) -> String {
        let trimmed = String(path.reversed().drop { $0 == "/" }.reversed())
        guard let slash = trimmed.lastIndex(of: "/") else { return path == "/" ? "/" : "" }
        let folder = trimmed[..<slash].reversed().drop { $0 == "/" }.reversed()
        return folder.isEmpty ? "/" : String(folder)
    }
}
