/// What a YAML 1.1 reader takes a scalar to be: the rules of Yams' default resolver and constructors,
/// which read the specs before this reader did, checked without regular expressions.
enum ScalarType: Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string

    /// Reads the tag as written, so an explicit `!!str` stays apart from an untagged scalar.
    init(_ scalar: YAMLNode.Scalar) {
        switch scalar.tag {
        case nil: self = scalar.isPlain ? Self.implicit(scalar) : .string
        case "tag:yaml.org,2002:null": self = .null
        case "tag:yaml.org,2002:bool": self = Self.bool(scalar).map(ScalarType.bool) ?? .string
        case "tag:yaml.org,2002:int": self = Self.integer(scalar).map(ScalarType.integer) ?? .string
        case "tag:yaml.org,2002:float": self = Self.float(scalar).map(ScalarType.number) ?? .string
        default: self = .string
        }
    }

    /// A scalar written without a tag: quoted ones are strings, plain ones are what they look like.
    private static func implicit(_ scalar: YAMLNode.Scalar) -> ScalarType {
        let text = scalar.text
        if nulls.contains(text) { return .null }
        if let value = booleans[text] { return .bool(value) }
        // Typed as an integer even when too large to hold: a string.
        if looksLikeInteger(text) { return integer(scalar).map(ScalarType.integer) ?? .string }
        if looksLikeFloat(text), let value = float(scalar) { return .number(value) }
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

    /// An explicit `!!bool`: any case of true, yes, on, false, no, off.
    private static func bool(_ scalar: YAMLNode.Scalar) -> Bool? {
        switch scalar.text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    /// Underscores dropped; `0x`, `0b`, `0o` and a leading `0` (octal) choose the radix; base 60 with
    /// colons. Only plain scalars: a quoted one stays text whatever its tag.
    private static func integer(_ scalar: YAMLNode.Scalar) -> Int? {
        guard scalar.isPlain else { return nil }
        let signed = String(scalar.text.filter { $0 != "_" })
        if signed == "0" { return 0 }
        let negative = signed.hasPrefix("-")
        let body = signed.dropFirst(negative || signed.hasPrefix("+") ? 1 : 0)
        for (prefix, radix) in [("0x", 16), ("0b", 2), ("0o", 8), ("0", 8)] where body.hasPrefix(prefix) {
            return Int((negative ? "-" : "") + body.dropFirst(prefix.count), radix: radix)
        }
        if body.contains(":") { return sexagesimalInteger(signed) }
        return Int(signed)
    }

    private static func float(_ scalar: YAMLNode.Scalar) -> Double? {
        guard scalar.isPlain else { return nil }
        switch scalar.text.lowercased() {
        case ".inf", "+.inf": return .infinity
        case "-.inf": return -.infinity
        case ".nan": return .nan
        default:
            let text = String(scalar.text.filter { $0 != "_" })
            if text.contains(":") { return sexagesimalFloat(text) }
            return Double(text)
        }
    }

    /// `190:20:30` is 190 × 3600 + 20 × 60 + 30, summed from the last group as Yams sums it; nil when
    /// a group is no number or the value does not fit.
    private static func sexagesimalInteger(_ text: String) -> Int? {
        let (negative, groups) = sexagesimalGroups(text)
        var value = 0
        var base = 1
        for (position, group) in groups.reversed().enumerated() {
            guard let digit = Int(group, radix: 10) else { return nil }
            if position > 0 {
                let (next, overflow) = base.multipliedReportingOverflow(by: 60)
                guard !overflow else { return nil }
                base = next
            }
            let (term, termOverflow) = digit.multipliedReportingOverflow(by: base)
            let (sum, sumOverflow) = value.addingReportingOverflow(term)
            guard !termOverflow, !sumOverflow else { return nil }
            value = sum
        }
        return negative ? -value : value
    }

    private static func sexagesimalFloat(_ text: String) -> Double? {
        let (negative, groups) = sexagesimalGroups(text)
        var value = 0.0
        var base = 1.0
        for group in groups.reversed() {
            guard let digit = Double(group) else { return nil }
            value += digit * base
            base *= 60
        }
        return negative ? -value : value
    }

    private static func sexagesimalGroups(_ text: String) -> (negative: Bool, groups: [Substring]) {
        let negative = text.hasPrefix("-")
        let body = text.dropFirst(negative || text.hasPrefix("+") ? 1 : 0)
        return (negative, body.split(separator: ":", omittingEmptySubsequences: false))
    }
}
