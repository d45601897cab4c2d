import Foundation
@testable import LakeflowAuthCore

/// One file of `Tests/Fixtures/checks/` (format in specs/checks/README.md, "Tests"), read with the
/// spec reader's YAML rules into the cases it pins.
struct CheckFixture {
    struct Request: CustomStringConvertible {
        var method: String
        var url: String
        var headers: [(String, String)]
        var form: [(String, String)]?
        var json: JSONValue?
        /// A body given as its text (`grant_type=client_credentials&scope=all-apis`).
        var body: String?

        var description: String {
            "\(method) \(url) \(headers.map { "\($0.0): \($0.1)" }.joined(separator: "; "))"
                + (form.map { " form " + $0.map { "\($0.0)=\($0.1)" }.joined(separator: "&") } ?? "")
                + (json.map { " json " + $0.serialized() } ?? "")
        }
    }

    struct Case {
        var index: Int
        var method: String?
        var values: [(String, String)]
        var loopback: String?
        var requests: [Request]
        var answers: [RecordingServer.Answer]
        var result: String?
        var identity: String?

        /// A case with a loopback server: its option, or `{loopback}` inside its values.
        var usesLoopback: Bool { loopback != nil || values.contains { $0.1.contains(CheckFixture.loopbackMark) } }
    }

    static let loopbackMark = "{loopback}"
    static let folder = PackagePaths.root.appendingPathComponent("Tests/Fixtures/checks")

    /// The connector names with a fixture, sorted.
    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    let cases: [Case]

    init(connector: String) throws {
        let path = Self.folder.appendingPathComponent("\(connector).yaml").path
        try self.init(text: String(contentsOfFile: path, encoding: .utf8), path: path)
    }

    init(text: String, path: String) throws {
        let root = try SpecDocument.root(ofText: Array(text.utf8), path: path).jsonValue()
        guard case let .array(items)? = root["cases"] else { throw Malformed(path: path, problem: "has no list of cases") }
        cases = try items.enumerated().map { index, item in try Self.readCase(item, index: index, path: path) }
    }

    struct Malformed: Error, CustomStringConvertible {
        let path: String
        let problem: String
        var description: String { "\(path): \(problem)" }
    }

    private static func readCase(_ item: JSONValue, index: Int, path: String) throws -> Case {
        func pairs(_ value: JSONValue?) -> [(String, String)] {
            guard case let .object(members)? = value else { return [] }
            return members.map { ($0.0, $0.1.plainText) }
        }
        let requests: [Request] = try {
            guard case let .array(list)? = item["requests"] else { throw Malformed(path: path, problem: "case \(index + 1) lists no requests") }
            return list.map { request in
                Request(method: request["method"]?.stringValue ?? "GET", url: request["url"]?.plainText ?? "",
                        headers: pairs(request["headers"]), form: request["form"].map { pairs($0) }, json: request["json"],
                        body: request["body"]?.stringValue)
            }
        }()
        var answers: [RecordingServer.Answer] = []
        if case let .array(list)? = item["answers"] {
            for answer in list {
                guard case let .integer(status)? = answer["status"] else { throw Malformed(path: path, problem: "an answer of case \(index + 1) has no status") }
                var scripted = RecordingServer.Answer(status: status, headers: pairs(answer["headers"]).map { (name: $0.0, value: $0.1) })
                if let json = answer["json"] {
                    scripted.body = Data(json.serialized().utf8)
                    scripted.headers.append((name: "Content-Type", value: "application/json"))
                } else if let body = answer["body"]?.stringValue {
                    scripted.body = Data(body.utf8)
                }
                answers.append(scripted)
            }
        }
        return Case(index: index, method: item["method"]?.stringValue, values: pairs(item["values"]),
                    loopback: item["loopback"]?.stringValue, requests: requests, answers: answers,
                    result: item["result"]?.stringValue, identity: item["identity"]?.plainText)
    }
}
