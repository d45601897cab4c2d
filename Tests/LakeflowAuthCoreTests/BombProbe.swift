import Foundation
import Testing
@testable import LakeflowAuthCore

@Test func bombProbe() throws {
    var levels = "  a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    let names = Array("abcdefghij").map(String.init)
    for i in 1..<9 { levels += "  \(names[i]): &\(names[i]) [" + Array(repeating: "*\(names[i-1])", count: 10).joined(separator: ", ") + "]\n" }
    let valueBomb = "connection:\n  parameters: []\n  oauth:\n" + levels.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
    let keyBomb = "x:\n" + levels + "y:\n  ? *i\n  : 1\n"
    for text in [valueBomb, keyBomb] {
        let start = Date()
        do { _ = try SpecLoader.load(text: text, path: "bomb.yaml") } catch { print("ERR", type(of: error), error) }
        print("took", Date().timeIntervalSince(start))
    }
}
