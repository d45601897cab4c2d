/// An option's `pattern`, matched in time linear in the value's length whatever the pattern.
///
/// Swift's `Regex` backtracks: `^(a+)+$` against thirty `a`s and a `!` runs for hours, and a spec
/// comes from any repository the tool is pointed at. This is a Thompson NFA run breadth-first (the
/// set of live states advances one scalar at a time), so no pattern can make a value costly. It
/// takes the regular part of the usual syntax, which is what option patterns use: literals, `.`,
/// classes (`[a-z0-9-]`, `[^…]`, `\d \w \s` and their negations), groups (`(…)`, `(?:…)`), `|`,
/// `* + ?`, `{n}`, `{n,}`, `{n,m}` (lazy and possessive forms match the same values), `^` and `$`.
/// What needs backtracking (backreferences, lookaround) or flags is refused when the spec loads.
public struct ValuePattern: Sendable {
    public struct Unsupported: Error, Equatable {
        public let problem: String
    }

    /// Far above any real option pattern; `{n,m}` copies its operand, so the program is bounded too.
    static let maximumLength = 1000
    static let maximumProgramSize = 10_000

    public let text: String
    private let program: [Instruction]

    public init(_ text: String) throws(Unsupported) {
        guard text.unicodeScalars.count <= Self.maximumLength else {
            throw Unsupported(problem: "is longer than \(Self.maximumLength) characters")
        }
        var parser = Parser(scalars: Array(text.unicodeScalars))
        let tree = try parser.parse()
        var program: [Instruction] = []
        try Self.compile(tree, into: &program)
        program.append(.match)
        self.text = text
        self.program = program
    }

    /// True when the pattern matches somewhere in `value` (anchor it with `^…$` to match the whole).
    public func matches(in value: String) -> Bool {
        let scalars = Array(value.unicodeScalars)
        var current: [Int] = []
        var next: [Int] = []
        var mark = [Int](repeating: -1, count: program.count)
        var generation = 0
        for position in 0...scalars.count {
            generation += 1
            // A search: a match may start at every position.
            if add(0, at: position, of: scalars, to: &current, mark: &mark, generation: generation) { return true }
            guard position < scalars.count else { break }
            generation += 1
            next.removeAll(keepingCapacity: true)
            for pc in current {
                guard case let .scalars(set) = program[pc], set.contains(scalars[position]) else { continue }
                if add(pc + 1, at: position + 1, of: scalars, to: &next, mark: &mark, generation: generation) { return true }
            }
            swap(&current, &next)
        }
        return false
    }

    /// Adds a state and everything reachable from it without consuming a scalar; true on a match.
    private func add(_ start: Int, at position: Int, of scalars: [Unicode.Scalar], to list: inout [Int],
                     mark: inout [Int], generation: Int) -> Bool {
        var stack = [start]
        while let pc = stack.popLast() {
            guard mark[pc] != generation else { continue }
            mark[pc] = generation
            switch program[pc] {
            case .match: return true
            case .scalars: list.append(pc)
            case let .jump(target): stack.append(target)
            case let .split(first, second): stack.append(second); stack.append(first)
            case .start: if position == 0 { stack.append(pc + 1) }
            case .end: if position == scalars.count { stack.append(pc + 1) }
            }
        }
        return false
    }

    // MARK: - Compiling

    enum Instruction: Sendable {
        case scalars(ScalarSet)
        case split(Int, Int)
        case jump(Int)
        case start
        case end
        case match
    }

    indirect enum Node {
        case scalars(ScalarSet)
        case start
        case end
        case sequence([Node])
        case alternatives([Node])
        case repetition(Node, min: Int, max: Int?)
    }

    private static func compile(_ node: Node, into program: inout [Instruction]) throws(Unsupported) {
        guard program.count <= maximumProgramSize else {
            throw Unsupported(problem: "repeats too much to check (more than \(maximumProgramSize) steps)")
        }
        switch node {
        case let .scalars(set): program.append(.scalars(set))
        case .start: program.append(.start)
        case .end: program.append(.end)
        case let .sequence(nodes):
            for node in nodes { try compile(node, into: &program) }
        case let .alternatives(options):
            var jumps: [Int] = []
            for (index, option) in options.enumerated() {
                if index < options.count - 1 {
                    let split = program.count
                    program.append(.split(split + 1, -1))
                    try compile(option, into: &program)
                    jumps.append(program.count)
                    program.append(.jump(-1))
                    program[split] = .split(split + 1, program.count)
                } else {
                    try compile(option, into: &program)
                }
            }
            for jump in jumps { program[jump] = .jump(program.count) }
        case let .repetition(operand, min, max):
            for _ in 0..<min { try compile(operand, into: &program) }
            if let max {
                var splits: [Int] = []
                for _ in min..<max {
                    splits.append(program.count)
                    program.append(.split(program.count + 1, -1))
                    try compile(operand, into: &program)
                }
                for split in splits { program[split] = .split(split + 1, program.count) }
            } else {
                let split = program.count
                program.append(.split(split + 1, -1))
                try compile(operand, into: &program)
                program.append(.jump(split))
                program[split] = .split(split + 1, program.count)
            }
        }
    }
}
