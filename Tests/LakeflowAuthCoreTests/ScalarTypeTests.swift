import LakeflowAuthCore
import Testing
import Yams

/// The loader types scalars without Yams' regex resolver; it must agree with that resolver.
struct ScalarTypeTests {
    static let samples = [
        "", "~", "null", "Null", "NULL", "nULL", "yes", "Yes", "YES", "yEs", "no", "on", "OFF", "true", "False", "TRUE",
        "0", "-0", "+0", "7", "-12", "1_000", "012", "0o17", "0o8", "09", "0x1F", "0xg", "0b101", "0b2", "1:30", "1:60",
        "190:20:30", "1.5", "-1.5", "1.", ".5", "1e5", "1.0e+5", "1.0E-5", ".5e+3", ".5e3", "1_0.0_1", ".inf", "-.Inf",
        "+.INF", ".nan", "-.nan", ".NaN", "1:30.5", "1:30e5", "abc", "1a", "--1", "+", ".", "e5", "1e", "1e+",
        "0.0.0", "2025-01-01", "12:00", "<<", "=", "0x", "0b", "0o", "1__", "_1", "99999999999999999999",
    ]

    /// How Yams' default resolver types `text` written plain as a mapping value.
    static func yamsDefault(_ text: String) throws -> String {
        let node = try #require(try Yams.compose(yaml: "k: \(text)")?["k"])
        switch node.tag.description {
        case Tag.Name.null.rawValue: return "null"
        case Tag.Name.bool.rawValue: return "bool"
        case Tag.Name.int.rawValue: return node.int == nil ? "string" : "int"
        case Tag.Name.float.rawValue: return node.float == nil ? "string" : "float"
        default: return "string"
        }
    }

    static func ours(_ text: String) throws -> String {
        let spec = try SpecLoader.load(text: "display_name: x\noauth:\n  k: \(text)\n", path: "x/options.yaml")
        switch spec.oauth?["k"] {
        case .null?: return "null"
        case .bool?: return "bool"
        case .integer?: return "int"
        case .number?: return "float"
        default: return "string"
        }
    }

    @Test(arguments: samples)
    func plainScalarsAreTypedAsYamlWouldTypeThem(text: String) throws {
        let expected = try Self.yamsDefault(text)
        // Infinities and NaN are numbers to YAML but have no JSON form; the loader keeps their text.
        #expect(try Self.ours(text) == (["inf", "nan"].contains(text.lowercased().trimmingCharacters(in: .init(charactersIn: "+-."))) ? "string" : expected))
    }

    @Test func quotedAndExplicitlyTaggedScalarsKeepTheirTag() throws {
        let spec = try SpecLoader.load(text: """
            oauth:
              quoted: "true"
              single: '12'
              string: !!str 12
              number: !!int 12
              float: !!float 1.5
              quotedNumber: !!int "12"
            """, path: "x/options.yaml")
        // Yams constructs numbers from plain scalars only, so a quoted one stays text whatever its tag.
        #expect(spec.oauth == .object([("quoted", .string("true")), ("single", .string("12")), ("string", .string("12")),
                                       ("number", .integer(12)), ("float", .number(1.5)), ("quotedNumber", .string("12"))]))
    }
}
