/// Keys that arrived together, read as what they were: text that comes faster than anyone types
/// (a paste in a terminal without bracketed paste, `tmux send-keys`, a password manager) is one
/// `.paste`, so its line breaks never act as Enter. A line break inside such text would otherwise move
/// the focus and spill the rest of a PEM key, in clear, into the fields after it; the line form reads
/// lines that arrive together the same way.
enum KeyBurst {
    /// `keys` as read in one go, runs of text and line breaks made pastes: a run of one line and a
    /// final line break stays text then Enter (a path typed ahead, then Enter); a run of several lines
    /// is one paste, its final line break included. Other keys (Tab, arrows, Ctrl-S) pass as they are,
    /// so keys typed ahead of a slow frame still act one by one.
    static func assemble(_ keys: [Key]) -> [Key] {
        var assembled: [Key] = []
        var run: [Key] = []
        func flush() {
            defer { run.removeAll() }
            guard run.count > 1 else { return assembled += run }
            var text = ""
            var lastWasReturn = false
            for key in run {
                switch key {
                case let .text(typed): text += typed
                case .control(13): text += "\n"
                case .control(10) where !lastWasReturn: text += "\n"
                default: break
                }
                lastWasReturn = key == .control(13)
            }
            let breaks = text.filter { $0 == "\n" }.count
            if breaks == 1, text.hasSuffix("\n") {
                assembled += [.paste(String(text.dropLast())), .enter]
            } else {
                assembled.append(.paste(text))
            }
        }
        for key in keys {
            if isTextOrLineBreak(key) {
                run.append(key)
            } else {
                flush()
                assembled.append(key)
            }
        }
        flush()
        return assembled
    }

    static func isTextOrLineBreak(_ key: Key) -> Bool {
        switch key {
        case .text, .control(13), .control(10): return true
        default: return false
        }
    }
}
