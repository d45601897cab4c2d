extension ValuePattern {
    /// Which scalars one step of a pattern accepts: ranges, Unicode classes, or the complement.
    struct ScalarSet: Sendable {
        enum Member: Sendable {
            case range(ClosedRange<UInt32>)
            case digit
            case word
            case space
            indirect case not(Member)
        }

        var members: [Member]
        var negated = false

        static let anyButNewline = ScalarSet(members: [.range(0x0A...0x0A)], negated: true)

        func contains(_ scalar: Unicode.Scalar) -> Bool {
            members.contains { Self.member($0, contains: scalar) } != negated
        }

        private static func member(_ member: Member, contains scalar: Unicode.Scalar) -> Bool {
            switch member {
            case let .range(range): return range.contains(scalar.value)
            case .digit: return scalar.properties.numericType == .decimal
            case .word: return scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal || scalar == "_"
            case .space: return scalar.properties.isWhitespace
            case let .not(inner): return !Self.member(inner, contains: scalar)
            }
        }
    }

    /// Recursive descent over the pattern's scalars; every refusal says what is not supported.
    struct Parser {
        let scalars: [Unicode.Scalar]
        var position = 0
        var depth = 0

        init(scalars: [Unicode.Scalar]) {
            self.scalars = scalars
        }

        mutating func parse() throws(Unsupported) -> Node {
            let node = try alternatives()
            guard position == scalars.count else { throw Unsupported(problem: "has a ')' without its '('") }
            return node
        }

        private var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        private mutating func alternatives() throws(Unsupported) -> Node {
            var options = [try sequence()]
            while peek == "|" {
                position += 1
                options.append(try sequence())
            }
            return options.count == 1 ? options[0] : .alternatives(options)
        }

        private mutating func sequence() throws(Unsupported) -> Node {
            var items: [Node] = []
            while let next = peek, next != "|", next != ")" {
                items.append(try quantified(try atom()))
            }
            return .sequence(items)
        }

        private mutating func quantified(_ operand: Node) throws(Unsupported) -> Node {
            var node = operand
            while let next = peek {
                let bounds: (Int, Int?)
                switch next {
                case "*": position += 1; bounds = (0, nil)
                case "+": position += 1; bounds = (1, nil)
                case "?": position += 1; bounds = (0, 1)
                case "{":
                    guard let counted = try counted() else { return node }
                    bounds = counted
                default: return node
                }
                // Lazy (`*?`) and possessive (`*+`) forms accept the same values.
                if peek == "?" || peek == "+" { position += 1 }
                node = .repetition(node, min: bounds.0, max: bounds.1)
            }
            return node
        }

        /// `{n}`, `{n,}` or `{n,m}`; nil (and nothing consumed) when the brace is a literal one.
        private mutating func counted() throws(Unsupported) -> (Int, Int?)? {
            let start = position
            position += 1
            func number() -> Int? {
                var digits = ""
                while let next = peek, ("0"..."9").contains(next), digits.count < 6 { digits.unicodeScalars.append(next); position += 1 }
                return Int(digits)
            }
            let low = number()
            var high = low
            if peek == "," {
                position += 1
                high = number()
            }
            guard let low, peek == "}" else {
                position = start
                return nil
            }
            position += 1
            if let high, high < low { throw Unsupported(problem: "has a repetition {\(low),\(high)} whose maximum is below its minimum") }
            return (low, high)
        }

        private mutating func atom() throws(Unsupported) -> Node {
            let next = scalars[position]
            position += 1
            switch next {
            case "(":
                if peek == "?" {
                    guard position + 1 < scalars.count, scalars[position + 1] == ":" else {
                        throw Unsupported(problem: "uses (?…): lookaround, named groups and flags are not supported")
                    }
                    position += 2
                }
                depth += 1
                guard depth <= 50 else { throw Unsupported(problem: "nests groups too deeply") }
                let inner = try alternatives()
                depth -= 1
                guard peek == ")" else { throw Unsupported(problem: "has a '(' without its ')'") }
                position += 1
                return inner
            case "[": return .scalars(try characterClass())
            case ".": return .scalars(.anyButNewline)
            case "^": return .start
            case "$": return .end
            case "\\": return .scalars(try escape(inClass: false))
            case "*", "+", "?": throw Unsupported(problem: "has '\(next)' with nothing before it to repeat")
            default: return .scalars(ScalarSet(members: [.range(next.value...next.value)]))
            }
        }

        private mutating func characterClass() throws(Unsupported) -> ScalarSet {
            var set = ScalarSet(members: [])
            if peek == "^" { set.negated = true; position += 1 }
            var first = true
            while let next = peek, next != "]" || first {
                first = false
                position += 1
                let low: Unicode.Scalar
                if next == "\\" {
                    let escaped = try escape(inClass: true)
                    guard case let .range(range)? = escaped.members.first, range.count == 1, !escaped.negated,
                          let scalar = Unicode.Scalar(range.lowerBound) else {
                        set.members += escaped.negated ? escaped.members.map { .not($0) } : escaped.members
                        continue
                    }
                    low = scalar
                } else if next == "[" {
                    throw Unsupported(problem: "has '[' inside a class: nested classes and [:name:] are not supported (write \\[ for the bracket)")
                } else {
                    low = next
                }
                var high = low
                if peek == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                    position += 1
                    let end = scalars[position]
                    position += 1
                    if end == "\\" {
                        let escaped = try escape(inClass: true)
                        guard case let .range(range)? = escaped.members.first, range.count == 1, let scalar = Unicode.Scalar(range.lowerBound)
                        else { throw Unsupported(problem: "has a range in a class that ends in a class") }
                        high = scalar
                    } else {
                        high = end
                    }
                    guard low.value <= high.value else { throw Unsupported(problem: "has a range \(low)-\(high) that runs backwards") }
                }
                set.members.append(.range(low.value...high.value))
            }
            guard peek == "]" else { throw Unsupported(problem: "has a '[' without its ']'") }
            position += 1
            return set
        }

        private mutating func escape(inClass: Bool) throws(Unsupported) -> ScalarSet {
            guard let next = peek else { throw Unsupported(problem: "ends in a lone '\\'") }
            position += 1
            func one(_ scalar: Unicode.Scalar) -> ScalarSet { ScalarSet(members: [.range(scalar.value...scalar.value)]) }
            switch next {
            case "d": return ScalarSet(members: [.digit])
            case "D": return ScalarSet(members: [.digit], negated: true)
            case "w": return ScalarSet(members: [.word])
            case "W": return ScalarSet(members: [.word], negated: true)
            case "s": return ScalarSet(members: [.space])
            case "S": return ScalarSet(members: [.space], negated: true)
            case "n": return one("\n")
            case "t": return one("\t")
            case "r": return one("\r")
            case "f": return one("\u{0C}")
            case "v": return one("\u{0B}")
            case "1"..."9": throw Unsupported(problem: "uses a backreference (\\\(next)), which is not supported")
            case "b", "B": throw Unsupported(problem: "uses \\\(next): word boundaries are not supported")
            case _ where next.isASCII && !next.properties.isAlphabetic && !("0"..."9").contains(next): return one(next)
            default: throw Unsupported(problem: "uses \\\(next), which is not supported")
            }
        }
    }
}
