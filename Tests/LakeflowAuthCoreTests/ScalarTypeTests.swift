import LakeflowAuthCore
import Foundation
import Testing

/// The loader types scalars as Yams' default resolver typed them when Yams read the specs.
struct ScalarTypeTests {
    /// Each sample written plain as a mapping value, and what that resolver and Yams' constructors made
    /// of it (recorded from Yams 6.2 before the reader moved to libyaml's events).
    static let yamsTyping: [(text: String, type: String)] = [
        ("", "null"), ("~", "null"), ("null", "null"), ("Null", "null"), ("NULL", "null"), ("nULL", "string"),
        ("yes", "bool"), ("Yes", "bool"), ("YES", "bool"), ("yEs", "string"), ("no", "bool"), ("on", "bool"),
        ("OFF", "bool"), ("true", "bool"), ("False", "bool"), ("TRUE", "bool"), ("0", "int"), ("-0", "string"),
        ("+0", "string"), ("7", "int"), ("-12", "int"), ("1_000", "int"), ("012", "int"), ("0o17", "int"),
        ("0o8", "string"), ("09", "float"), ("0x1F", "int"), ("0xg", "string"), ("0b101", "int"), ("0b2", "string"),
        ("1:30", "int"), ("1:60", "string"), ("190:20:30", "int"), ("1.5", "float"), ("-1.5", "float"),
        ("1.", "float"), (".5", "float"), ("1e5", "float"), ("1.0e+5", "float"), ("1.0E-5", "float"),
        (".5e+3", "float"), (".5e3", "string"), ("1_0.0_1", "float"), (".inf", "float"), ("-.Inf", "float"),
        ("+.INF", "float"), (".nan", "float"), ("-.nan", "string"), (".NaN", "float"), ("1:30.5", "float"),
        ("1:30e5", "string"), ("abc", "string"), ("1a", "string"), ("--1", "string"), ("+", "string"),
        (".", "string"), ("e5", "string"), ("1e", "string"), ("1e+", "string"), ("0.0.0", "string"),
        ("2025-01-01", "string"), ("12:00", "int"), ("<<", "string"), ("=", "string"), ("0x", "string"),
        ("0b", "string"), ("0o", "string"), ("1__", "int"), ("_1", "string"), ("99999999999999999999", "string"),
    ]

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

    @Test(arguments: yamsTyping)
    func plainScalarsAreTypedAsYamlWouldTypeThem(text: String, expected: String) throws {
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
