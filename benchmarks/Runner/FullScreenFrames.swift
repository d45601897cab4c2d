import Foundation
import PseudoTerminal

/// The full-screen form through a pty: from start to its first complete frame (the footer is drawn
/// last), and from a keystroke to the redraw that shows it.
enum FullScreenFrames {
    static let arguments = ["acme", "--auth-method", "basic", "--no-probe"]

    static func firstFrame(tool: String, environment: [String: String], runs: Int) throws -> Measurement {
        let samples = try (0...runs).map { _ in
            let terminal = try PseudoTerminal(executable: tool, arguments: arguments, environment: environment, columns: 100, rows: 30)
            let elapsed = try terminal.expectNow("help", timeout: .seconds(10))
            terminal.send("\u{1B}")
            return elapsed.milliseconds
        }.dropFirst()
        return Measurement(name: "full-screen form: start to first frame (pty)", samples: Array(samples), unit: "ms", target: "< 15 ms")
    }

    static func keystroke(tool: String, environment: [String: String], runs: Int) throws -> Measurement {
        let terminal = try PseudoTerminal(executable: tool, arguments: arguments, environment: environment, columns: 100, rows: 30)
        try terminal.expectNow("help", timeout: .seconds(10))
        let samples = try (0...runs).map { index in
            // Letters no escape sequence of a redraw ends in, so the match is the letter drawn.
            let letter = String(Array("vwxyz")[index % 5])
            let sent = ContinuousClock.now
            terminal.send(letter)
            try terminal.expectNow(letter, timeout: .seconds(5))
            return (ContinuousClock.now - sent).milliseconds
        }.dropFirst()
        terminal.send("\u{03}y")
        return Measurement(name: "full-screen form: keystroke to redraw (pty)", samples: Array(samples), unit: "ms", target: "< 1 ms")
    }
}
