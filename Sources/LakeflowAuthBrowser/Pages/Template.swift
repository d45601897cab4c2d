/// A page or a part of one, kept as an `.html` file in `Templates/` beside this code and compiled
/// into the binary (SwiftPM's `embedInCode`): a copied binary still works alone, and the markup is
/// edited as markup, not as string literals. A template has `{{name}}` slots and no logic; a slot
/// takes text, escaped, unless it is given `HTML` made by another template.
struct Template: Sendable {
    enum Value {
        case text(String)
        case html(HTML)
    }

    private enum Piece {
        case literal(String)
        case slot(String)
    }

    private let pieces: [Piece]

    init(_ bytes: [UInt8]) {
        let source = String(decoding: bytes, as: UTF8.self)
        var pieces: [Piece] = []
        var rest = source[...]
        while let open = rest.firstRange(of: "{{"), let close = rest[open.upperBound...].firstRange(of: "}}") {
            pieces.append(.literal(String(rest[..<open.lowerBound])))
            pieces.append(.slot(String(rest[open.upperBound..<close.lowerBound])))
            rest = rest[close.upperBound...]
        }
        pieces.append(.literal(String(rest)))
        self.pieces = pieces
    }

    /// A slot given no value renders empty: the page then lacks a part, but never shows a raw `{{`.
    func render(_ values: [String: Value]) -> HTML {
        var output = ""
        for piece in pieces {
            switch piece {
            case let .literal(text): output += text
            case let .slot(name):
                switch values[name] {
                case let .text(text): output += HTML(escaping: text).rendered
                case let .html(html): output += html.rendered
                case nil: break
                }
            }
        }
        return .trusted(output)
    }
}
