/// What a layer's `link` may be: it becomes a link on the browser form and a line in the terminal,
/// so an https address of printable characters and no more than a line.
enum OptionHintLink {
    static let maximumLength = 200

    static func isValid(_ text: String) -> Bool {
        guard text.count <= maximumLength, text.hasPrefix("https://"), text.count > "https://".count,
              !text.unicodeScalars.contains(where: { !$0.isASCII || $0.properties.generalCategory == .control || $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" }),
              let authority = URLAuthority(text) else { return false }
        return !authority.host.isEmpty
    }
}
