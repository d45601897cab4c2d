import Yams

/// What a YAML 1.1 reader takes a scalar to be: the rules of Yams' default resolver, checked
/// without regular expressions. That resolver compiles its ICU patterns on first use, which cost
/// more than reading a whole spec; the loader composes with `Resolver.basic` and types scalars here.
enum ScalarType: Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string

    /// Reads the tag as written: `scalar.tag` before anything resolved it (`Node.tag` would, in place),
    /// so an explicit `!!str` stays apart from an untagged scalar.
    init(_ scalar: Node.Scalar) {
        switch scalar.tag.description {
        case Tag.Name.implicit.rawValue: self = scalar.style == .plain ? Self.implicit(scalar) : .string
        case Tag.Name.null.rawValue: self = .null
        case Tag.Name.bool.rawValue: self = Bool.construct(from: scalar).map(ScalarType.bool) ?? .string
        case Tag.Name.int.rawValue: self = Int.construct(from: scalar).map(ScalarType.integer) ?? .string
        case Tag.Name.float.rawValue: self = Double.construct(from: scalar).map(ScalarType.number) ?? .string
        default: self = .string
        }
    }

    /// A scalar written without a tag: quoted ones are strings, plain ones are what they look like.
    private static func implicit(_ scalar: Node.Scalar) -> ScalarType {
        let text = scalar.string
        if nulls.contains(text) { return .null }
        if let value = booleans[text] { return .bool(value) }
        // Typed as an integer even when too large to construct (Yams then gives no value): a string.
        if looksLikeInteger(text) { return Int.construct(from: scalar).map(ScalarType.integer) ?? .string }
        if looksLikeFloat(text), let value = Double.construct(from: scalar) { return .number(value) }
        return .string
    }

    private static let nulls: Set<String> = ["", "~", "null", "Null", "NULL"]
    private static let booleans: [String: Bool] = Dictionary(uniqueKeysWithValues:
        ["yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"].map { ($0, true) }
            + ["no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"].map { ($0, false) })

    /// `[-+]?` then `0b[01_]+`, `0x[0-9a-fA-F_]+`, `0o?[0-7_]+`, `0`, `[1-9][0-9_]*`, or base 60 (`1:30`).
    static func looksLikeInteger(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        guard let first = digits.first, first.isASCII, first.isNumber else { return false }
        func all(_ body: Substring, _ allowed: (Character) -> Bool) -> Bool { !body.isEmpty && body.allSatisfy(allowed) }
        if digits.hasPrefix("0b") { return all(digits.dropFirst(2)) { $0 == "0" || $0 == "1" || $0 == "_" } }
        if digits.hasPrefix("0x") { return all(digits.dropFirst(2)) { $0.isHexDigit || $0 == "_" } }
        if digits.hasPrefix("0o") { return all(digits.dropFirst(2)) { ("0"..."7").contains($0) || $0 == "_" } }
        if first == "0" { return digits.count == 1 || all(digits.dropFirst()) { ("0"..."7").contains($0) || $0 == "_" } }
        let groups = digits.split(separator: ":", omittingEmptySubsequences: false)
        return all(groups[0]) { ($0.isASCII && $0.isNumber) || $0 == "_" }
            && groups.dropFirst().allSatisfy(isSexagesimalDigits)
    }

    /// `[-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?`, `\.[0-9_]+([eE][-+][0-9]+)?`, base 60 with a
    /// fraction, `[-+]?.inf` and `.nan` in their three spellings.
    static func looksLikeFloat(_ text: String) -> Bool {
        if [".nan", ".NaN", ".NAN"].contains(text) { return true }
        var body = Substring(text)
        let signed = body.first == "-" || body.first == "+"
        if signed { body = body.dropFirst() }
        if [".inf", ".Inf", ".INF"].contains(body) { return true }
        // Most scalars are words: answered before the walk below.
        guard let lead = body.first, lead == "." || (lead.isASCII && lead.isNumber) else { return false }
        let isDigit: (Character) -> Bool = { $0.isASCII && $0.isNumber }
        let isDigitOrUnderscore: (Character) -> Bool = { isDigit($0) || $0 == "_" }
        var mantissa = body
        var exponent: Substring?
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = body[..<e]
            exponent = body[body.index(after: e)...]
        }
        if let exponent {
            var digits = exponent
            let hasSign = digits.first == "-" || digits.first == "+"
            if hasSign { digits = digits.dropFirst() }
            guard !digits.isEmpty, digits.allSatisfy(isDigit) else { return false }
            if mantissa.first == ".", !hasSign { return false }
        }
        if mantissa.first == "." {
            return !signed && mantissa.count > 1 && mantissa.dropFirst().allSatisfy(isDigitOrUnderscore)
        }
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, let lead = whole.first, isDigit(lead) else { return false }
        let groups = whole.split(separator: ":", omittingEmptySubsequences: false)
        if groups.count > 1 {
            return exponent == nil && parts.count == 2 && groups[0].allSatisfy(isDigitOrUnderscore)
                && groups.dropFirst().allSatisfy(isSexagesimalDigits) && parts[1].allSatisfy(isDigitOrUnderscore)
        }
        return whole.allSatisfy(isDigitOrUnderscore) && (parts.count == 1 || parts[1].allSatisfy(isDigitOrUnderscore))
    }

    /// `[0-5]?[0-9]`
    private static func isSexagesimalDigits(_ group: Substring) -> Bool {
        guard (1...2).contains(group.count), group.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return group.count == 1 || ("0"..."5").contains(group.first!)
    }
}
