import FoundationEssentials
import Glibc

/// The command that reaches a loopback page of this machine from the person's own, when this
/// process runs in an SSH session (`SSH_CONNECTION`, else `SSH_CLIENT`): the page listens on
/// 127.0.0.1 only, so the browser on the laptop needs the port forwarded to it first.
public enum SSHPortForward {
    /// `ssh -N -L 8123:127.0.0.1:8123 alice@203.0.113.7`, one `-L` a port; nil outside an SSH session.
    ///
    /// The host is the address this machine was reached at, as the session reports it: behind a jump
    /// host or a name the person uses it may differ, so the line says what to forward more than how.
    public static func command(ports: [Int], environment: [String: String]) -> String? {
        let connection = environment["SSH_CONNECTION"].map { $0.split(separator: " ") }
        let serverAddress = connection.flatMap { $0.count >= 4 ? String($0[2]) : nil }
        let serverPort = connection.flatMap { $0.count >= 4 ? String($0[3]) : nil }
            ?? environment["SSH_CLIENT"].flatMap { parts in
                let fields = parts.split(separator: " ")
                return fields.count >= 3 ? String(fields[2]) : nil
            }
        guard serverAddress != nil || serverPort != nil else { return nil }
        guard let host = serverAddress.flatMap(safe) ?? safe(hostName()) else { return nil }
        let user = (environment["USER"] ?? environment["LOGNAME"]).flatMap(safe)
        var words = ["ssh", "-N"]
        for port in ports { words += ["-L", "\(port):127.0.0.1:\(port)"] }
        if let serverPort = serverPort.flatMap(safe), serverPort != "22" { words += ["-p", serverPort] }
        words.append(user.map { "\($0)@\(host)" } ?? host)
        return words.joined(separator: " ")
    }

    private static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Only what a shell takes literally goes into a line meant to be pasted into one.
    private static func safe(_ word: String) -> String? {
        let allowed = word.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-:".unicodeScalars.contains(scalar))
        }
        return allowed && !word.isEmpty ? word : nil
    }
}
