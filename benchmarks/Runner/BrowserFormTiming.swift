import Foundation
import RawHTTP

/// The browser form: from starting `lakeflow-auth acme --browser --no-open` to its link on stdout, and
/// then how long the running server takes to answer the form page.
enum BrowserFormTiming {
    static func measure(tool: String, environment: [String: String], runs: Int) throws -> [Measurement] {
        var urlPrinted: [Double] = []
        var pageServed: [Double] = []
        for run in 0...runs {
            let started = try ChildProcess.startUntilFirstLine([tool, "acme", "--browser", "--no-open"], environment: environment)
            defer {
                started.process.terminate()
                started.process.waitUntilExit()
            }
            guard let link = URL(string: started.line), let port = link.port,
                  let query = link.query else { throw BenchmarkError("not a link: \(started.line)") }
            let host = ("Host", "127.0.0.1:\(port)")
            let login = try RawHTTP.exchange(port: port, RawHTTP.request("GET", "/?\(query)", headers: [host]))
            guard let cookie = login.header("set-cookie")?.split(separator: ";").first.map(String.init) else {
                throw BenchmarkError("the browser form gave no cookie (HTTP \(login.status))")
            }
            if run == 0 { continue }
            urlPrinted.append(started.elapsed.milliseconds)
            for _ in 0..<5 {
                let pageStarted = ContinuousClock.now
                let page = try RawHTTP.exchange(port: port, RawHTTP.request(headers: [host, ("Cookie", cookie)]))
                guard page.status == 200 else { throw BenchmarkError("the form page answered HTTP \(page.status)") }
                pageServed.append((ContinuousClock.now - pageStarted).milliseconds)
            }
        }
        return [
            Measurement(name: "browser form: start to URL printed", samples: urlPrinted, unit: "ms", target: "< 12 ms"),
            Measurement(name: "browser form: form page served", samples: pageServed, unit: "ms", target: "< 2 ms"),
        ]
    }
}
