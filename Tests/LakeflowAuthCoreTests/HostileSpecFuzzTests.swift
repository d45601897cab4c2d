import Foundation
import LakeflowAuthCore
import SharedCorpus
import Testing

/// Thousands of specs that stay valid YAML but change meaning, as a hostile repository would write
/// them: look-alike and misspelt keys, names that collide as env vars, backtracking patterns,
/// hostile defaults and values, huge names, moved and deleted blocks. Each must load or fail with a
/// short located `SpecError`; a spec that loads must never let setup go on with no options, must
/// keep one env var per option, and must go through the form, inspection and rendering within time.
/// (`SpecMutationTests` mutates bytes; this mutates meaning.)
@Suite("hostile specs", SharedCorpus.connectorSpecs.required)
struct HostileSpecFuzzTests {
    static let casesPerBatch = 750
    static let batches: [UInt64] = [0, 1, 2, 3]

    struct Source {
        let path: String
        let lines: [String]
        let optionCount: Int
    }

    static func sources() throws -> [Source] {
        let specs = PackagePaths.root.appendingPathComponent("specs").path
        let shipped = try FileManager.default.contentsOfDirectory(atPath: specs)
            .filter { FileManager.default.fileExists(atPath: "\(specs)/\($0)/\(SpecLoader.declarationsFileName)") }.sorted()
            .flatMap { name in [SpecLoader.declarationsFileName, SpecLoader.databricksFileName].map { "specs/\(name)/\($0)" } }
        let shared = SharedCorpus.connectorSpecs.specNames.map { SharedCorpus.connectorSpecs.spec($0) }
        return try (shipped.map { PackagePaths.root.appendingPathComponent($0).path } + shared).map { path in
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let relative = path.hasPrefix(PackagePaths.root.path) ? String(path.dropFirst(PackagePaths.root.path.count + 1))
                : "shared/" + (path as NSString).lastPathComponent
            return Source(path: relative, lines: text.components(separatedBy: "\n"),
                          optionCount: try SpecLoader.load(path: path).allOptions.count)
        }
    }

    static let lookAlikes: [Character: Character] = ["a": "а", "e": "е", "o": "о", "c": "с", "p": "р", "x": "х", "i": "і"]
    static let patterns = ["^(a+)+$", "(a|a)*$", "^(a|aa)+$", "(?=a)", "(a)\\1", "[a-", "a{1,99999}", "^((a{1,50}){1,50}){1,50}$",
                           "(?i)abc", "\\bword\\b", "^(\\w+\\s?)*$", "^[a-z0-9-]{3,40}$"]
    static let values = ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "tok\r\nX-Injected: yes", "a\u{0}b", "\u{202E}evil", "\u{1B}[2J",
                         "https://u:p@h.example", "", "   ", String(repeating: "a", count: 3000) + "!", "\u{FFFD}", "ok-value"]

    static func mutate(_ source: Source, _ random: inout SeededRandom) -> String {
        var lines = source.lines
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            guard !lines.isEmpty else { break }
            let index = Int.random(in: 0..<lines.count, using: &random)
            let line = lines[index]
            let indent = String(line.prefix { $0 == " " })
            let body = line.dropFirst(indent.count)
            let dash = body.hasPrefix("- ") ? "- " : ""
            let afterDash = body.dropFirst(dash.count)
            let key = afterDash.prefix { $0.isLetter || $0 == "_" }
            let hasKey = !key.isEmpty && afterDash.dropFirst(key.count).hasPrefix(":")
            switch Int.random(in: 0..<11, using: &random) {
            case 0 where hasKey:
                // A misspelt or look-alike key.
                var letters = Array(key)
                let at = Int.random(in: 0..<letters.count, using: &random)
                if let twin = lookAlikes[letters[at]], random.chance(0.6) { letters[at] = twin } else { letters.remove(at: at) }
                lines[index] = indent + dash + String(letters) + afterDash.dropFirst(key.count)
            case 1 where key == "name":
                // A name that collides as an env var with another, or with <CONNECTOR>_AUTH_METHOD.
                let name = afterDash.dropFirst("name:".count).trimmingCharacters(in: .whitespaces)
                let variants = [name.uppercased(), name.replacingOccurrences(of: "_", with: "-"), "auth_method", "auth-method"]
                lines.insert(indent + "- name: " + random.pick(variants), at: index)
            case 2 where key == "name":
                lines.insert(indent + "  pattern: '" + random.pick(patterns) + "'", at: index + 1)
            case 3 where key == "name":
                let value = random.pick(values).unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? String($0) : String(format: "\\u%04X", $0.value) }.joined()
                lines.insert(indent + "  default: \"" + value.replacingOccurrences(of: "\"", with: "\\\"") + "\"", at: index + 1)
            case 4 where key == "name":
                lines[index] = indent + dash + "name: " + String(repeating: random.pick(["n", "x_", "A"]), count: Int.random(in: 90...20_000, using: &random))
            case 5:
                lines.remove(at: index)
            case 6:
                // A whole block: the line and everything indented under it.
                var end = index + 1
                while end < lines.count, lines[end].prefix(while: { $0 == " " }).count > indent.count { end += 1 }
                lines.removeSubrange(index..<end)
            case 7:
                var end = index + 1
                while end < lines.count, lines[end].prefix(while: { $0 == " " }).count > indent.count { end += 1 }
                let shift = random.chance(0.5)
                for at in index..<end { lines[at] = shift ? "  " + lines[at] : String(lines[at].dropFirst(min(2, indent.count))) }
            case 8 where hasKey:
                lines.insert(indent + random.pick(["conection:", "connection :", "parameters:", "auth_methods: []", "oauth: {}",
                                                   "display_nam: x", "options:", "unknown_key: 1"]), at: index)
            case 9 where hasKey && afterDash.dropFirst(key.count + 1).contains(where: { !$0.isWhitespace }):
                lines[index] = indent + dash + key + ": \"" + random.pick(["\\u202Eevil", "\\e[2J", "x\\0y", "\\u200Bz"]) + "\""
            default:
                var end = index + 1
                while end < lines.count, lines[end].prefix(while: { $0 == " " }).count > indent.count { end += 1 }
                lines.insert(contentsOf: lines[index..<end], at: end)
            }
        }
        return lines.joined(separator: "\n")
    }

    @Test(.timeLimit(.minutes(3)), arguments: batches)
    func eachLoadsOrFailsShortAndIsNeverSetUpEmpty(batch: UInt64) throws {
        let sources = try Self.sources()
        #expect(sources.count >= 30)
        var random = SeededRandom(seed: 0xF0_22ED + batch)
        var loaded = 0, refused = 0
        let clock = ContinuousClock()
        let started = clock.now
        for index in 0..<Self.casesPerBatch {
            let source = random.pick(sources)
            let text = Self.mutate(source, &random)
            let context = "batch \(batch) case \(index) of \(source.path)"
            let caseStarted = clock.now
            do {
                let spec = try SpecLoader.load(text: text, path: source.path)
                loaded += 1
                check(spec, text: text, source: source, context: context, &random)
            } catch let error as SpecError {
                refused += 1
                #expect(error.message.count < 600, "\(context): \(error.message.prefix(200))")
                #expect(error.message.hasPrefix(source.path + ":"), "\(context): \(error.message.prefix(200))")
            } catch {
                Issue.record("\(context) threw \(type(of: error)), not SpecError: \(error)")
            }
            #expect(clock.now - caseStarted < .seconds(3), "\(context) took \(clock.now - caseStarted)")
        }
        #expect(clock.now - started < .seconds(90))
        #expect(loaded > Self.casesPerBatch / 10, "only \(loaded) loaded")
        #expect(refused > Self.casesPerBatch / 10, "only \(refused) were refused")
    }

    private func check(_ spec: ConnectorSpec, text: String, source: Source, context: String, _ random: inout SeededRandom) {
        // A spec left with no options (a deleted or misspelt `connection:`) must not let setup store `{}`.
        if source.optionCount > 0, spec.allOptions.isEmpty {
            #expect(throws: SpecError.self, "\(context): every option went, and setup would go on\n\(text)") {
                try spec.checkSomethingToSetUp(path: source.path)
            }
        }
        for method in spec.authMethods.isEmpty ? [nil] : spec.authMethods.map(Optional.some) {
            let fields = spec.formOptions(for: method)
            let envVars = fields.map(\.envVar)
            #expect(Set(envVars).count == Set(fields.map(\.name)).count, "\(context): two options share an env var")
            #expect(!envVars.contains(EnvVarName.authMethod(connector: spec.connector)), "\(context)")
            var form = Form(spec: spec)
            if let method { try? form.chooseAuthMethod(method.name) }
            for field in fields { form.set(field.name, random.pick(Self.values)) }
            if let credentials = try? form.validate() {
                for (_, value) in credentials.values {
                    #expect(!value.plainText.unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(context)")
                }
            }
        }
        let inspected = SpecInspection.json(spec).serialized(pretty: true)
        #expect(!inspected.unicodeScalars.contains { $0.properties.generalCategory == .format || $0.value < 0x0A }, "\(context)")
        for warning in spec.warnings { #expect(warning.message.count < 600, "\(context)") }
        if spec.origin == .declarations {
            #expect(throws: Never.self, "\(context): its rendering does not load") {
                _ = try SpecLoader.load(text: SpecRenderer.render(spec), path: "x/" + SpecLoader.databricksFileName)
            }
        }
    }
}
