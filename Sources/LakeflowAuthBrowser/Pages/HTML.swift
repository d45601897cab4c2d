/// Markup that is safe to send: made only by rendering a template or by escaping text, so spec text
/// and typed values can reach a page only as inert text.
struct HTML: Sendable {
    let rendered: String

    private init(rendered: String) {
        self.rendered = rendered
    }

    static let empty = HTML(rendered: "")

    /// Text as it must appear inside an element or a quoted attribute.
    init(escaping text: String) {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        rendered = escaped
    }

    /// A boolean attribute (` selected`), from a name written in the code.
    static func attribute(_ name: StaticString) -> HTML {
        HTML(rendered: " \(name)")
    }

    /// Several fragments one after the other.
    init(joining parts: [HTML]) {
        rendered = parts.map(\.rendered).joined()
    }

    /// Only `Template` may call this: its own text is trusted, its values were escaped.
    static func trusted(_ markup: String) -> HTML {
        HTML(rendered: markup)
    }
}
