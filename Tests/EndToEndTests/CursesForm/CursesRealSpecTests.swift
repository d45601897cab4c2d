import Foundation
import LakeflowAuthCore
import SharedCorpus
import Testing

/// Every real connector spec beside the package opens in the full-screen form, draws its fields and
/// cancels cleanly.
@Suite(SharedCorpus.connectorSpecs.required)
struct CursesRealSpecTests {
    @Test(arguments: SharedCorpus.connectorSpecs.specNames)
    func opensDrawsItsFieldsAndCancels(connector: String) async throws {
        let path = SharedCorpus.connectorSpecs.spec(connector)
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
