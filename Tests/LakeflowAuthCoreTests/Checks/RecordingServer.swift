import Foundation
import LakeflowAuthCore
import LoopbackHTTP
import Synchronization

/// A real HTTP server on 127.0.0.1 that answers requests with the answers it was given, in order, and
/// keeps every request it was sent: what a check really put on the wire.
final class RecordingServer: Sendable {
    struct Answer: Sendable {
        var status: Int
        var body: Data = Data()
        var headers: [(name: String, value: String)] = []
        /// Never answers: the connection is held until the client gives up.
        var hangs = false

        static func json(_ status: Int, _ text: String) -> Answer {
            Answer(status: status, body: Data(text.utf8), headers: [(name: "Content-Type", value: "application/json")])
        }
    }

    /// The requests so far and the answers left.
    private final class Script: Sendable {
        let state: Mutex<(requests: [HTTPRequest], answers: ArraySlice<Answer>)>

        init(_ answers: [Answer]) {
            state = Mutex(([], answers[...]))
        }
    }

    private let script: Script
    private let server: LoopbackServer

    init(answers: [Answer]) {
        let script = Script(answers)
        self.script = script
        server = LoopbackServer { request in
            let answer = script.state.withLock { state -> Answer? in
                state.requests.append(request)
                return state.answers.popFirst()
            }
            guard let answer else { return .respond(.text(599, "the fixture scripts no answer for this request")) }
            if answer.hangs { return .hang }
            // An answer may name this server (a discovery document's token endpoint): `{loopback}`.
            let address = "http://" + (request.header("host") ?? "127.0.0.1")
            let body = String(decoding: answer.body, as: UTF8.self).replacingOccurrences(of: CheckFixture.loopbackMark, with: address)
            return .respond(HTTPResponse(status: answer.status, headers: answer.headers, body: Data(body.utf8)))
        }
    }

    func start() async throws -> URL { try await server.start() }
    func stop() async { await server.stop() }

    var requests: [HTTPRequest] { script.state.withLock { $0.requests } }
}
