/// A screen captured with `capture-pane -e`, read back into cells: each character with the attributes
/// and colours its SGR sequences gave it, as a person would see them.
struct StyledScreen: CustomStringConvertible {
    struct Cell {
        let character: Character
        let attributes: Set<Attribute>
        /// A foreground or background colour other than the terminal's own.
        let coloured: Bool
    }

    enum Attribute: Int {
        case bold = 1, dim = 2, italic = 3, underline = 4, blink = 5, reverse = 7
    }

    let rows: [[Cell]]
    /// Every SGR parameter that sets a colour (30–37, 38, 40–47, 48, 90–97, 100–107), as written.
    let colourParameters: [String]

    init(_ captured: String) {
        var rows: [[Cell]] = [[]]
        var colourParameters: [String] = []
        var attributes: Set<Attribute> = []
        var foreground = false, background = false
        var characters = captured[...]
        while let character = characters.popFirst() {
            if character == "\n" {
                rows.append([])
                continue
            }
            guard character == "\u{1B}" else {
                rows[rows.count - 1].append(Cell(character: character, attributes: attributes, coloured: foreground || background))
                continue
            }
            guard characters.first == "[", let end = characters.firstIndex(where: { $0.isLetter }) else { continue }
            let sequence = characters[characters.index(after: characters.startIndex)..<end]
            let final = characters[end]
            characters = characters[characters.index(after: end)...]
            guard final == "m" else { continue }
            var parameters = sequence.split(separator: ";", omittingEmptySubsequences: false).map(String.init)[...]
            while let parameter = parameters.popFirst() {
                let number = Int(parameter.split(separator: ":").first ?? "") ?? 0
                switch number {
                case 0:
                    attributes = []
                    foreground = false
                    background = false
                case 22: attributes.subtract([.bold, .dim])
                case 23: attributes.remove(.italic)
                case 24: attributes.remove(.underline)
                case 25: attributes.remove(.blink)
                case 27: attributes.remove(.reverse)
                case 30...37, 90...97:
                    foreground = true
                    colourParameters.append(parameter)
                case 40...47, 100...107:
                    background = true
                    colourParameters.append(parameter)
                case 38, 48:
                    if number == 38 { foreground = true } else { background = true }
                    // 38;5;n or 38;2;r;g;b: the colour's own numbers follow.
                    let following = parameters.first == "5" ? 2 : parameters.first == "2" ? 4 : 0
                    colourParameters.append(([parameter] + parameters.prefix(following)).joined(separator: ";"))
                    parameters = parameters.dropFirst(following)
                case 39: foreground = false
                case 49: background = false
                default:
                    if let attribute = Attribute(rawValue: number) { attributes.insert(attribute) }
                }
            }
        }
        self.rows = rows
        self.colourParameters = colourParameters
    }

    /// The screen's text, as a failure shows it.
    var description: String { rows.map(Self.text).joined(separator: "\n") }

    static func text(_ cells: some Collection<Cell>) -> String { String(cells.map(\.character)) }

    /// The first row whose text contains all of `texts`.
    func row(containing texts: String...) -> [Cell]? {
        rows.first { row in texts.allSatisfy { Self.text(row).contains($0) } }
    }

    /// The cells of `text` where it first appears in `row`.
    static func cells(of text: String, in row: [Cell]) -> ArraySlice<Cell>? {
        let characters = row.map(\.character), wanted = Array(text)
        guard wanted.count <= characters.count else { return nil }
        for start in 0...(characters.count - wanted.count) where Array(characters[start..<(start + wanted.count)]) == wanted {
            return row[start..<(start + wanted.count)]
        }
        return nil
    }

    /// The text of the rows that have a cell in reverse video, blanks left out.
    var reverseVideoRows: [String] {
        rows.filter { $0.contains { $0.attributes.contains(.reverse) && $0.character != " " } }
            .map(Self.text)
    }
}
