import Glibc

/// The person's home folder, as Foundation's `NSHomeDirectory()` found it: `$HOME`, else the password
/// database's entry for the user.
public enum HomeFolder {
    public static var path: String {
        if let home = getenv("HOME"), home.pointee != 0 { return String(cString: home) }
        guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else { return "/" }
        return String(cString: directory)
    }
}
