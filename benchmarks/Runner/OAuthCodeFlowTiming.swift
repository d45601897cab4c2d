import FakeOAuthProvider
import Foundation
import RawHTTP

/// The code flow headless, against the tests' OAuth provider on 127.0.0.1: from starting
/// `lakeflow-auth oauth_demo --from-env` (no refresh token) to the authorization link on its stdout,
/// then from the browser's callback request to the tool's listener to the credentials file in place
/// (code exchanged for tokens, probe, seal, atomic write).
enum OAuthCodeFlowTiming {
    static func measure(root: URL, tool: String, environment: [String: String], runs: Int) async throws -> [Measurement] {
        let provider = FakeOAuthProvider()
        let providerURL = try await provider.start()
        do {
            let measurements = try measure(root: root, tool: tool, environment: environment, provider: providerURL, runs: runs)
            await provider.stop()
            return measurements
        } catch {
            await provider.stop()
            throw error
        }
    }

    private static func measure(root: URL, tool: String, environment: [String: String], provider providerURL: URL,
                                runs: Int) throws -> [Measurement] {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-auth-bench-oauth-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let credentials = home + "/credentials"
        try FileManager.default.createDirectory(atPath: credentials, withIntermediateDirectories: true)
        let client = FakeOAuthProvider.Behaviour()
        let codeFlow = environment.merging(["LAKEFLOW_AUTH_HOME": home, "OAUTH_DEMO_BASE_URL": providerURL.absoluteString,
                                            "OAUTH_DEMO_CLIENT_ID": client.clientID,
                                            "OAUTH_DEMO_CLIENT_SECRET": client.clientSecret]) { $1 }
        let spec = root.appendingPathComponent("Tests/Fixtures/oauth_demo/options.yaml").path
        let stored = "oauth_demo.age"

        var linkPrinted: [Double] = []
        var callbackToStored: [Double] = []
        for run in 0...runs {
            unlink(credentials + "/" + stored)
            let watch = try DirectoryWatch(credentials)
            defer { watch.close() }
            let started = try ChildProcess.startUntilFirstLine([tool, "oauth_demo", "--from-env", "--spec", spec], environment: codeFlow)
            defer {
                started.process.terminate()
                started.process.waitUntilExit()
            }
            guard let link = URL(string: started.line), let providerPort = link.port, let query = link.query else {
                throw BenchmarkError("not an authorization link: \(started.line)")
            }
            let authorization = try RawHTTP.exchange(port: providerPort, RawHTTP.request("GET", link.path + "?" + query,
                                                                                        headers: [("Host", "127.0.0.1:\(providerPort)"), ("Connection", "close")]))
            guard authorization.status == 302, let location = authorization.header("location").flatMap(URL.init(string:)),
                  let callbackPort = location.port, let callbackQuery = location.query else {
                throw BenchmarkError("the provider did not redirect to the callback (HTTP \(authorization.status))")
            }
            let clock = ContinuousClock()
            let callbackSent = clock.now
            let callback = try RawHTTP.exchange(port: callbackPort, RawHTTP.request("GET", location.path + "?" + callbackQuery,
                                                                                   headers: [("Host", "127.0.0.1:\(callbackPort)"), ("Connection", "close")]))
            guard callback.status == 200 else { throw BenchmarkError("the callback was answered HTTP \(callback.status)") }
            try watch.waitForEntry(named: stored, timeout: .seconds(10))
            let storedAfter = clock.now - callbackSent
            if run == 0 { continue }
            linkPrinted.append(started.elapsed.milliseconds)
            callbackToStored.append(storedAfter.milliseconds)
        }
        return [
            Measurement(name: "OAuth code flow: start to authorization URL printed", samples: linkPrinted, unit: "ms", target: "< 12 ms"),
            Measurement(name: "OAuth code flow: callback to credentials stored", samples: callbackToStored, unit: "ms", target: "(none)"),
        ]
    }
}

/// Reports files that appear in a folder (inotify), so the benchmark sees the credentials file the
/// moment its atomic rename lands, without polling.
private struct DirectoryWatch {
    private let descriptor: Int32

    init(_ folder: String) throws {
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0, inotify_add_watch(descriptor, folder, UInt32(IN_MOVED_TO | IN_CREATE)) >= 0 else {
            throw BenchmarkError("cannot watch \(folder)")
        }
    }

    func waitForEntry(named name: String, timeout: Duration) throws {
        let deadline = ContinuousClock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 4096)
        while ContinuousClock.now < deadline {
            var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 100) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let (length, entry) = buffer.withUnsafeBytes { bytes in
                    let event = bytes.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    let start = offset + MemoryLayout<inotify_event>.size
                    let nameBytes = bytes[start..<(start + Int(event.len))].prefix { $0 != 0 }
                    return (Int(event.len), String(decoding: nameBytes, as: UTF8.self))
                }
                if entry == name { return }
                offset += MemoryLayout<inotify_event>.size + length
            }
        }
        throw BenchmarkError("\(name) was not stored within \(timeout)")
    }

    func close() { Glibc.close(descriptor) }
}
