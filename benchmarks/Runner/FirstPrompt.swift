import Foundation
import PseudoTerminal

/// From starting `lakeflow-auth acme --plain` on a terminal to its first question on the screen.
enum FirstPrompt {
    static func measure(tool: String, environment: [String: String], runs: Int) throws -> Measurement {
        let samples = try (0...runs).map { _ in
            let terminal = try PseudoTerminal(executable: tool, arguments: ["acme", "--plain"], environment: environment)
            let elapsed = try terminal.expectNow("Auth method (1-2):", timeout: .seconds(10))
            return elapsed.milliseconds
        }.dropFirst()
        return Measurement(name: "plain form: start to first prompt (pty)", samples: Array(samples), unit: "ms", target: "< 10 ms")
    }
}
