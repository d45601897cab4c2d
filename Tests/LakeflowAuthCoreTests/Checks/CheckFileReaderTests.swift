import Foundation
@testable import LakeflowAuthCore
import Testing

/// A check file that is wrong says where and what, as a spec does; every built-in one reads.
struct CheckFileReaderTests {
    static func problem(_ text: String) -> SpecError? {
        do {
            _ = try CheckFileReader.read(text: text, path: "(built in)/checks/x.yaml")
            return nil
        } catch {
            return error as? SpecError
        }
    }

    @Test func everyBuiltInFileReads() throws {
        #expect(!BuiltInChecks.names.isEmpty)
        for name in BuiltInChecks.names {
            #expect(throws: Never.self, "\(name)") { try CheckLayer.file(for: name) }
        }
        #expect(BuiltInChecks.text(of: "acme") == nil)
    }

    /// The binary carries specs/checks/*.yaml as written; `specs/embed` regenerates the Swift file.
    @Test func theEmbeddedFilesAreTheFilesInSpecsChecks() throws {
        let folder = PackagePaths.root.appendingPathComponent("specs/checks").path
        for name in BuiltInChecks.names {
            let file = try String(contentsOfFile: "\(folder)/\(name).yaml", encoding: .utf8)
            #expect(BuiltInChecks.text(of: name) == file, "specs/checks/\(name).yaml changed: run specs/embed")
        }
    }

    @Test(arguments: [
        ("check:\n  requests: [\n", "x.yaml:3:1: YAML syntax error"),
        ("chek:\n  requests: []\n", #"x.yaml:1:1: the check file has unknown key "chek"; did you mean "check"?"#),
        ("check:\n  requests:\n    - url: \"{a}/me\"\n      heders: {A: b}\n",
         #"x.yaml:4:7: this request has unknown key "heders"; did you mean "headers"?"#),
        ("options:\n  token:\n    lnk: https://example.com\ncheck:\n  no_check: files\n",
         #"x.yaml:3:5: option "token" has unknown key "lnk"; did you mean "link"?"#),
        ("check: &a\n  no_check: files\n", "x.yaml:1:8: anchors and aliases (&name, *name) are not supported"),
        ("values:\n  a: \"{b}\"\n  b: \"{a}\"\ncheck:\n  no_check: files\n", #"value "a" reads itself: a → b → a"#),
        ("check:\n  no_check: files\nmethods:\n  a:\n    no_check: files\n", "x.yaml:3:1: the check file has both check and methods"),
        ("values: {}\n", "the check file has neither check nor methods"),
        ("check:\n  requests:\n    - url: \"{t/x}\"\n    - name: t\n      url: \"https://a.example\"\n",
         #"x.yaml:3:7: this request reads {t/x}, the answer of request "t", which is not sent before it"#),
        ("check:\n  requests:\n    - url: \"{a}/me\"\n      method: DELETE\n", "x.yaml:4:15: method must be one of GET, POST, HEAD"),
        ("check:\n  requests:\n    - url: \"{a}/me\"\n      form: {a: b}\n", "a request with a body is sent with method: POST"),
        ("options:\n  token:\n    link: http://example.com/keys\ncheck:\n  no_check: files\n",
         #"x.yaml:3:11: the link of option "token" is not an https address"#),
        ("check:\n  no_check: \"two\\nlines\"\n", "no_check must be one line"),
        ("values:\n  k:\n    jwt: {key: \"{pem}\", algorithm: HS256}\ncheck:\n  no_check: files\n",
         #"algorithm "HS256" is not known"#),
        ("select: mode\ndefault_method: c\nmethods:\n  a:\n    no_check: files\n", #"default_method "c" is not one of the methods"#),
        ("check:\n  requests:\n    - url: \"{a b}\"\n", "x.yaml:3:12: url has placeholder {a b}, which is not an option name"),
        ("check:\n  requests:\n    - url: \"{a}/me\"\n      expect: [200, 400]\n      reject: [400]\n",
         "x.yaml:5:15: 400 cannot both let the check go on and mean the credentials are refused"),
        ("values:\n  l:\n    lowercase: \"{a}\"\n    else: b\ncheck:\n  no_check: files\n", #"value "l" has unknown key "else""#),
    ])
    func aBadFileIsLocatedAndExplained(text: String, problem: String) throws {
        let error = try #require(Self.problem(text), "\(text)")
        #expect(error.message.contains(problem), "\(error.message)")
        #expect(error.exitStatus == .badInput)
    }
}
