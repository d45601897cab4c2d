import Foundation
import RawHTTP

/// The browser form: from starting `lakeflow-auth acme --browser --no-open` to its link on stdout, and
/// then how long the running server takes to answer the form page.
enum BrowserFormTiming {
    static func measure(tool: String, environment: [String: String], runs: Int) throws -> [Measurement] {
        var urlPrinted: [Double] = []
        var pageServed: [Double] = []
        for run in 0...runs {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = ["acme", "--browser", "--no-open"]
            process.environment = environment
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            let clock = ContinuousClock()
            let started = clock.now
            try process.run()
            defer {
                process.terminate()
                process.waitUntilExit()
            }
            var line: [UInt8] = []
            while line.last != UInt8(ascii: "\n") {
                let byte = output.fileHandleForReading.readData(ofLength: 1)
                guard !byte.isEmpty else { throw BenchmarkError("the browser form printed no link") }
                line += byte
            }
            let printed = clock.now - started
            guard let link = URL(string: String(decoding: line.dropLast(), as: UTF8.self)), let port = link.port,
                  let query = link.query else { throw BenchmarkError("not a link: \(String(decoding: line, as: UTF8.self))") }
            let host = ("Host", "127.0.0.1:\(port)")
            let login = try RawHTTP.exchange(port: port, RawHTTP.request("GET", "/?\(query)", headers: [host]))
            guard let cookie = login.header("set-cookie")?.split(separator: ";").first.map(String.init) else {
                throw BenchmarkError("the browser form gave no cookie (HTTP \(login.status))")
            }
            if run == 0 { continue }
            urlPrinted.append(milliseconds(printed))
            for _ in 0..<5 {
                let pageStarted = clock.now
                let page = try RawHTTP.exchange(port: port, RawHTTP.request(headers: [host, ("Cookie", cookie)]))
                guard page.status == 200 else { throw BenchmarkError("the form page answered HTTP \(page.status)") }
                pageServed.append(milliseconds(clock.now - pageStarted))
            }
        }
        return [
            Measurement(name: "browser form: start to URL printed", samples: urlPrinted, unit: "ms", target: "< 12 ms"),
            Measurement(name: "browser form: form page served", samples: pageServed, unit: "ms", target: "< 2 ms"),
        ]
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}
