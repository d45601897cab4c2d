import Foundation
import LakeflowAuthCore
import Testing

/// Every real connector spec beside the package opens in the full-screen form, draws its fields and
/// cancels cleanly.
@Suite(.enabled(if: !SharedSpecFiles.names.isEmpty, "skipped: ../shared/connector-specs not found beside the package"))
struct CursesRealSpecTests {
    @Test(arguments: SharedSpecFiles.names)
    func opensDrawsItsFieldsAndCancels(file: String) async throws {
        let path = LakeflowAuthProcess.sharedSpecs + "/" + file
        let connector = String(file.dropLast(".yaml".count))
        let spec = try SpecLoader.load(path: path, connector: connector)
        let tmux = try TmuxSession([connector, "--spec", path, "--no-probe"], columns: 120, rows: 50)
        let screen = try await tmux.waitFor("Ctrl-S save")
        #expect(screen.contains(TerminalText.sanitized(spec.title)))
        let form = Form(spec: spec)
        let shown = form.fields.prefix(6).map { TerminalText.sanitized($0.name) }
        // The label column holds 40 cells at this width; longer names are cut.
        for name in shown where name.count <= 40 {
            #expect(screen.contains(name), "\(connector): field \(name) is drawn")
        }
        if spec.authMethods.count > 1 {
            #expect(screen.contains("auth method"))
        }
        try tmux.press("Escape")
        #expect(try await tmux.waitForExit() == 130)
        #expect(tmux.terminalSettings.before == tmux.terminalSettings.after)
    }
}

/// The file names of the real specs, none when the folder is absent.
enum SharedSpecFiles {
    static let names: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: LakeflowAuthProcess.sharedSpecs)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }()
}
