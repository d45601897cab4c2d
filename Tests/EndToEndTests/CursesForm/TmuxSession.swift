import Foundation
import Testing

/// The built `lakeflow-auth` in a real tmux on a server of its own (a private socket), with a store
/// in a temporary folder: keys go in with `send-keys`, the screen comes back with `capture-pane`, as
/// a person at a terminal would see it. A small shell around the binary records the terminal's
/// settings before and after and the exit status, then reads a line as the shell would next.
final class TmuxSession {
    let folder: String
    /// The store: a fresh one in `folder` unless `LAKEFLOW_AUTH_HOME` is given.
    let home: String
    private var socket: String { folder + "/tmux.socket" }
    private let target = "form"
    private var serverPID: Int32?
    /// The last screen a wait saw, for failure messages.
    private(set) var lastScreen = ""

    /// Whether tmux can be run here (CI installs it; a developer's machine may not have it).
    static var available: Bool { (try? run(["tmux", "-V"]).status) == 0 }

    /// - Parameter program: the name of another built program beside `lakeflow-auth` to run instead.
    init(_ arguments: [String], environment extra: [String: String] = [:], columns: Int = 100, rows: Int = 30,
         program: String? = nil) throws {
        var template = Array((NSTemporaryDirectory() + "/lakeflow-tmux-XXXXXX").utf8CString)
        folder = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        home = extra["LAKEFLOW_AUTH_HOME"] ?? folder + "/home"
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": folder,
                           "LAKEFLOW_AUTH_HOME": home, "TERM": "screen-256color", "LANG": "C.UTF-8"]
        environment.merge(extra) { $1 }
        var binary = try LakeflowAuthProcess.builtBinary().path
        if let program { binary = (binary as NSString).deletingLastPathComponent + "/" + program }
        let command = (["env", "-i"] + environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } + [binary] + arguments)
            .map(Self.quoted).joined(separator: " ")
        // The inner shell records its pid and becomes lakeflow-auth, so the pid is the program's. The
        // outer one outlives a Ctrl-C to the terminal's foreground group (a caught signal is reset to
        // its default in the program).
        let script = """
            trap : INT
            stty -a > \(Self.quoted(folder + "/stty.before"))
            sh -c 'echo $$ > "$0"; exec "$@"' \(Self.quoted(folder + "/pid")) \(command)
            status=$?
            stty -a > \(Self.quoted(folder + "/stty.after"))
            echo $status > \(Self.quoted(folder + "/status"))
            IFS= read -r line && printf %s "$line" > \(Self.quoted(folder + "/shell.read"))
            """
        try script.write(toFile: folder + "/run.sh", atomically: true, encoding: .utf8)
        try "set -g remain-on-exit on\nset -g status off\nset -g default-terminal screen-256color\n"
            .write(toFile: folder + "/tmux.conf", atomically: true, encoding: .utf8)
        let started = try Self.run(["tmux", "-S", socket, "-f", folder + "/tmux.conf", "new-session", "-d", "-s", target,
                                    "-x", "\(columns)", "-y", "\(rows)", "sh", folder + "/run.sh"])
        guard started.status == 0 else { throw TmuxFailure(description: "tmux new-session failed: \(started.output)") }
        serverPID = Int32(try Self.run(["tmux", "-S", socket, "display-message", "-p", "#{pid}"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines))
    }

    deinit {
        // kill-server is asked first; a server that lingers after it (seen with a dead pane kept) is
        // ended by its pid.
        _ = try? Self.run(["tmux", "-S", socket, "kill-server"])
        if let serverPID { kill(serverPID, SIGKILL) }
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// The screen as text, one line a row, trailing spaces trimmed.
    func screen() throws -> String {
        let captured = try Self.run(["tmux", "-S", socket, "capture-pane", "-p", "-t", target])
        lastScreen = captured.output
        return captured.output
    }

    /// Waits, polling, until the screen shows `text`; the screen then.
    @discardableResult
    func waitFor(_ text: String, timeout: Duration = .seconds(20), sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        try await waitUntil("the screen shows \"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Waits until `condition` holds for the screen.
    @discardableResult
    func waitUntil(_ what: String, timeout: Duration = .seconds(20), _ condition: (String) -> Bool) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            let current = try screen()
            if condition(current) { return current }
            guard ContinuousClock.now < deadline else {
                throw TmuxFailure(description: "timed out waiting until \(what); the screen:\n\(current)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// The screen with its attributes and colours as SGR escape sequences (`capture-pane -e`).
    func styledScreen() throws -> String {
        try Self.run(["tmux", "-S", socket, "capture-pane", "-p", "-e", "-t", target]).output
    }

    /// What the program has switched on in the terminal: the alternate screen, the cursor shown, the
    /// keypad's application mode (cursor keys sent as `ESC O A`).
    struct Modes: Equatable {
        let alternateScreen: Bool
        let cursorVisible: Bool
        let applicationKeys: Bool

        /// How a shell finds a fresh terminal.
        static let shell = Modes(alternateScreen: false, cursorVisible: true, applicationKeys: false)
    }

    func modes() throws -> Modes {
        let flags = try Self.run(["tmux", "-S", socket, "display-message", "-p", "-t", target,
                                  "#{alternate_on} #{cursor_flag} #{keypad_flag} #{keypad_cursor_flag}"])
            .output.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) == "1" }
        guard flags.count == 4 else { throw TmuxFailure(description: "tmux gave no modes: \(flags)") }
        return Modes(alternateScreen: flags[0], cursorVisible: flags[1], applicationKeys: flags[2] || flags[3])
    }

    /// The column of the terminal's cursor, from 0.
    func cursorColumn() throws -> Int? {
        Int(try Self.run(["tmux", "-S", socket, "display-message", "-p", "-t", target, "#{cursor_x}"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Types text as it is (no key names), all at once as a paste without bracketed paste would come;
    /// `--` lets it start with a dash (a PEM key's first line).
    func type(_ text: String) throws {
        _ = try Self.run(["tmux", "-S", socket, "send-keys", "-t", target, "-l", "--", text])
    }

    /// Presses keys by tmux's names: Tab, BTab, Enter, Escape, C-s, Left, F1.
    func press(_ keys: String...) throws {
        _ = try Self.run(["tmux", "-S", socket, "send-keys", "-t", target] + keys)
    }

    /// Pastes `text` as a terminal does when the program asked for bracketed paste: between markers,
    /// each line break sent as Enter (CR).
    func paste(_ text: String) throws {
        let file = folder + "/paste.txt"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        _ = try Self.run(["tmux", "-S", socket, "load-buffer", "-b", "clip", file])
        _ = try Self.run(["tmux", "-S", socket, "paste-buffer", "-p", "-b", "clip", "-t", target])
    }

    /// Once the program has ended, pastes `text` and Enter into the shell's next read, and returns what
    /// the shell read: with the program's bracketed paste left on, the paste arrives between markers.
    func pasteIntoTheShell(_ text: String) async throws -> String {
        try paste(text)
        try press("Enter")
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if let read = try? String(contentsOfFile: folder + "/shell.read", encoding: .utf8) { return read }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TmuxFailure(description: "the shell read nothing; the screen:\n\(try screen())")
    }

    func resize(columns: Int, rows: Int) throws {
        _ = try Self.run(["tmux", "-S", socket, "resize-window", "-t", target, "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// Sends a signal to `lakeflow-auth` itself.
    func signal(_ number: Int32) throws {
        let pid = try String(contentsOfFile: folder + "/pid", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let pid = Int32(pid) else { throw TmuxFailure(description: "no pid recorded") }
        kill(pid, number)
    }

    /// The exit status of `lakeflow-auth`, once it has ended.
    func waitForExit(timeout: Duration = .seconds(20)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let text = try? String(contentsOfFile: folder + "/status", encoding: .utf8),
               let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return status
            }
            guard ContinuousClock.now < deadline else {
                throw TmuxFailure(description: "lakeflow-auth did not exit; the screen:\n\(try screen())")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// The terminal's settings (`stty -a`) before the program and after it, to compare.
    var terminalSettings: (before: String, after: String) {
        ((try? String(contentsOfFile: folder + "/stty.before", encoding: .utf8)) ?? "missing",
         (try? String(contentsOfFile: folder + "/stty.after", encoding: .utf8)) ?? "missing")
    }

    /// Stored credential files, by name.
    var storedFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: home + "/credentials")) ?? []).filter { $0.hasSuffix(".age") }
    }

    /// What the standard age tool decrypts from a stored file with the store's identity.
    func decryptWithAge(_ connector: String) throws -> String {
        let result = try Self.run(["age", "-d", "-i", home + "/identity.txt", home + "/credentials/\(connector).age"])
        guard result.status == 0 else { throw TmuxFailure(description: "age -d failed: \(result.output)") }
        return result.output
    }

    /// The row of `screen` that contains `text`, or nothing.
    static func row(of screen: String, containing text: String) -> String {
        screen.split(separator: "\n").first { $0.contains(text) }.map(String.init) ?? ""
    }

    struct TmuxFailure: Error, CustomStringConvertible {
        let description: String
    }

    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Runs a tool to its end, its output (stdout and stderr) through a file. Not Foundation's
    /// `Process`: the tmux server that `new-session` forks keeps a `Process`'s pipes open, and its
    /// end is then never reported.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let outputPath = NSTemporaryDirectory() + "/tmux-output-\(UUID().uuidString)"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let environment = ["PATH=" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"), "LANG=C.UTF-8"]
        let argv = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, envp)
        guard spawned == 0 else { throw TmuxFailure(description: "cannot run \(arguments[0]): \(String(cString: strerror(spawned)))") }
        let deadline = ContinuousClock.now + .seconds(20)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            guard ContinuousClock.now < deadline else {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                throw TmuxFailure(description: "\(arguments.joined(separator: " ")) did not finish in 20 s")
            }
            usleep(5_000)
        }
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return (status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f), output)
    }
}
