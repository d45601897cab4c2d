/// A PEM block as people paste it: the label and its base64 text, whatever became of its line breaks
/// on the way (joined by spaces in a one-line field, written `\n` inside a JSON string), put back into
/// the 64-column form the decoders read.
struct PEMBlock: Equatable {
    let label: String
    let base64: String

    init?(_ text: String) {
        let unescaped = text.contains("\n") ? text : text.replacing("\\n", with: "\n")
        guard let begin = unescaped.firstRange(of: "-----BEGIN "),
              let labelEnd = unescaped[begin.upperBound...].firstRange(of: "-----") else { return nil }
        let label = String(unescaped[begin.upperBound..<labelEnd.lowerBound])
        guard let end = unescaped[labelEnd.upperBound...].firstRange(of: "-----END \(label)-----") else { return nil }
        let body = unescaped[labelEnd.upperBound..<end.lowerBound].filter { !$0.isWhitespace }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+/=".contains($0)) }) else { return nil }
        self.label = label
        base64 = String(body)
    }

    /// The block in the form the decoders expect.
    var text: String {
        var lines = ["-----BEGIN \(label)-----"]
        var rest = Substring(base64)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(64)))
            rest = rest.dropFirst(64)
        }
        lines.append("-----END \(label)-----")
        return lines.joined(separator: "\n") + "\n"
    }
}
