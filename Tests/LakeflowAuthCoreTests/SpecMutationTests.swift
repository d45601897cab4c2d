import Foundation
import SharedCorpus
import Testing
@testable import LakeflowAuthCore

/// Thousands of seeded random mutations of the real specs (and of acme's declarations): each must load
/// or fail with a `SpecError` that names a place in the file; none may crash, hang or throw anything else.
@Suite("mutated specs", SharedCorpus.connectorSpecs.required)
struct SpecMutationTests {
    static let mutationCount = 4000
    static let seed: UInt64 = 0x5EED_0002

    /// Text that means something to a YAML parser, inserted at random places.
    static let specials: [String] = [
        "&a ", "*a", "&anchor [1, 2]", "!!binary ", "!!str ", "!<tag:x> ", "? ", "- ", ": ", ":", "\t", "\0",
        String(repeating: "[", count: 2000), String(repeating: "{a: ", count: 300), "{", "}", "]", "\"", "'",
        "|", ">-", "#", "%YAML 1.1\n", "---\n", "\n...\n", "<<: *a\n", "\u{FEFF}", "é", "\u{1B}[2J",
        "required: yes-ish\n", "name:\n", "parameters: 3\n", "auth_methods: {}\n", "- name: x\n  - y\n",
        String(repeating: "x", count: 5000), "\r\n", "\\", "@", "`", "%",
    ]

    struct Source {
        let path: String
        let bytes: [UInt8]
    }

    static func sources() throws -> [Source] {
        var sources = try SharedCorpus.connectorSpecs.specNames.map { name in
            let path = SharedCorpus.connectorSpecs.spec(name)
            return Source(path: "\(name).yaml", bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        }
        let acme = Array(try Data(contentsOf: URL(fileURLWithPath: PackagePaths.acmeDeclarations)))
        sources += Array(repeating: Source(path: "specs/acme/options.yaml", bytes: acme), count: 5)
        return sources
    }

    static func mutate(_ input: [UInt8], _ random: inout SeededRandom) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<7, using: &random) {
            case 0 where !bytes.isEmpty:
                bytes[position] = UInt8.random(in: 0...255, using: &random)
            case 1 where !bytes.isEmpty:
                bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...40, using: &random)))
            case 2:
                var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                let line = Int.random(in: 0..<lines.count, using: &random)
                lines.insert(lines[line], at: line)
                bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
            case 3:
                var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                let line = Int.random(in: 0..<lines.count, using: &random)
                if random.chance(0.5) {
                    lines[line] = ArraySlice(Array(repeating: UInt8(ascii: " "), count: Int.random(in: 1...5, using: &random)) + lines[line])
                } else {
                    lines[line] = lines[line].drop { $0 == UInt8(ascii: " ") }
                }
                bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
            case 4:
                bytes.removeSubrange(position...)
            default:
                bytes.insert(contentsOf: Array(random.pick(specials).utf8), at: position)
            }
        }
        return bytes
    }

    @Test(.timeLimit(.minutes(2)))
    func eachLoadsOrFailsWithALocatedSpecError() throws {
        let sources = try Self.sources()
        var random = SeededRandom(seed: Self.seed)
        var loaded = 0, refused = 0
        var slowest: Duration = .zero
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spec-mutations-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let started = ContinuousClock.now
        for index in 0..<Self.mutationCount {
            let source = random.pick(sources)
            let bytes = Self.mutate(source.bytes, &random)
            let lineCount = bytes.count { $0 == UInt8(ascii: "\n") } + 1
            // Every tenth case goes through a file, so raw bytes (NULs, invalid UTF-8) reach the loader as is.
            let throughFile = index % 10 == 0
            let caseStarted = ContinuousClock.now
            do {
                if throughFile {
                    let file = folder.appendingPathComponent(URL(fileURLWithPath: source.path).lastPathComponent)
                    try Data(bytes).write(to: file)
                    _ = try SpecLoader.load(path: file.path, connector: SpecLoader.connectorName(forPath: source.path))
                } else {
                    _ = try SpecLoader.load(text: String(decoding: bytes, as: UTF8.self), path: source.path)
                }
                loaded += 1
            } catch let error as SpecError {
                refused += 1
                let context = "mutation \(index) of \(source.path): \(error.message)"
                #expect(error.location.line >= 1 && error.location.line <= lineCount + 1, "\(context)")
                #expect(error.location.column >= 1, "\(context)")
                #expect(!error.problem.isEmpty && !error.problem.hasSuffix("."), "\(context)")
                #expect(error.problem.hasPrefix("YAML") || error.problem.first.map { !$0.isUppercase } == true, "\(context)")
            } catch {
                Issue.record("mutation \(index) of \(source.path) threw \(type(of: error)), not SpecError: \(error)")
            }
            slowest = max(slowest, ContinuousClock.now - caseStarted)
        }
        let elapsed = ContinuousClock.now - started
        #expect(slowest < .seconds(2), "the slowest mutation took \(slowest)")
        #expect(elapsed < .seconds(60), "\(Self.mutationCount) mutations took \(elapsed)")
        // Both outcomes must be common, or the mutations test nothing.
        #expect(loaded > Self.mutationCount / 20, "only \(loaded) mutations loaded")
        #expect(refused > Self.mutationCount / 5, "only \(refused) mutations were refused")
    }
}
