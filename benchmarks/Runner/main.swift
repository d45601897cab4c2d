import Foundation

/// `benchmarks/run` builds in release mode and runs this: each step several times, medians printed
/// beside the targets the issues state. `benchmarks/run oauth browser` runs only those groups, and
/// `BENCHMARK_RUNS=3` fewer runs, to check a change to a row quickly (benchmarks/README.md).
let arguments = CommandLine.arguments
let root = URL(fileURLWithPath: arguments.count > 1 ? arguments[1] : FileManager.default.currentDirectoryPath)
let tool = root.appendingPathComponent(".build/release/lakeflow-auth").path
let corpus = root.appendingPathComponent("../shared/connector-specs").standardizedFileURL.path
let runs = ProcessInfo.processInfo.environment["BENCHMARK_RUNS"].flatMap(Int.init) ?? 21
let groups = ["spec", "headless", "status", "plain", "full-screen", "browser", "oauth", "age"]
let chosen = Set(arguments.dropFirst(2))

func wanted(_ group: String) -> Bool { chosen.isEmpty || chosen.contains(group) }

func report(_ measurement: Measurement) {
    print(measurement.line)
}

func environment(_ extra: [String: String] = [:]) -> [String: String] {
    var base = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "NO_COLOR": "1"]
    base.merge(extra) { $1 }
    return base
}

func timed(_ name: String, target: String, runs: Int, _ command: [String], env: [String: String]) throws -> Measurement {
    _ = try ChildProcess.run(command, environment: env)
    let results = try (0..<runs).map { _ in try ChildProcess.run(command, environment: env) }
    guard let failed = results.first(where: { $0.status != 0 }) else {
        var measurement = Measurement(name: name, samples: results.map(\.milliseconds), unit: "ms", target: target)
        measurement.peakMemoryMiB = results.map(\.peakMemoryMiB)
        return measurement
    }
    throw BenchmarkError("\(command.joined(separator: " ")) exited \(failed.status)")
}

do {
    guard FileManager.default.isExecutableFile(atPath: tool) else { throw BenchmarkError("build first: \(tool) is missing") }
    guard chosen.isSubset(of: groups) else { throw BenchmarkError("unknown group; the groups: \(groups.joined(separator: " "))") }
    if wanted("spec") {
        let specs = (try? FileManager.default.contentsOfDirectory(atPath: corpus))?.filter { $0.hasSuffix(".yaml") }.sorted() ?? []
        let oneSpec = specs.contains("fhir.yaml") ? "\(corpus)/fhir.yaml" : root.appendingPathComponent("specs/acme/options.yaml").path
        report(try timed("spec inspect (one spec: \((oneSpec as NSString).lastPathComponent))", target: "< 10 ms", runs: runs,
                         [tool, "spec", "inspect", oneSpec, "--json"], env: environment()))
        if specs.isEmpty {
            print("skipped: spec inspect of all 29: ../shared/connector-specs not found")
        } else {
            var samples: [Double] = []
            var total: [Double] = []
            for _ in 0..<5 {
                let perSpec = try specs.map { try ChildProcess.run([tool, "spec", "inspect", "\(corpus)/\($0)", "--json"], environment: environment()) }
                samples += perSpec.map(\.milliseconds)
                total.append(perSpec.map(\.milliseconds).reduce(0, +))
            }
            report(Measurement(name: "spec inspect, each of the \(specs.count) real specs", samples: samples, unit: "ms", target: "< 10 ms"))
            report(Measurement(name: "spec inspect, all \(specs.count) one after another", samples: total, unit: "ms", target: "(sum)"))
        }
    }
    if wanted("headless") { try await HeadlessSetupRun.measure(tool: tool, environment: environment(), runs: runs).forEach(report) }
    if wanted("status") { report(try StatusOfMany.measure(tool: tool, environment: environment(), runs: runs)) }
    if wanted("plain") { report(try FirstPrompt.measure(tool: tool, environment: environment(["TERM": "xterm"]), runs: runs)) }
    if wanted("full-screen") {
        let fullScreen = environment(["TERM": "xterm", "LANG": "C.UTF-8", "LAKEFLOW_AUTH_HOME": NSTemporaryDirectory() + "/benchmarks-form-\(getpid())"])
        report(try FullScreenFrames.firstFrame(tool: tool, environment: fullScreen, runs: runs))
        report(try FullScreenFrames.keystroke(tool: tool, environment: fullScreen, runs: runs))
    }
    if wanted("browser") { try BrowserFormTiming.measure(tool: tool, environment: environment(), runs: runs).forEach(report) }
    if wanted("oauth") { try await OAuthCodeFlowTiming.measure(root: root, tool: tool, environment: environment(), runs: runs).forEach(report) }
    if wanted("age") {
        report(try AgeSealOpen.x25519(runs: 200))
        report(try AgeSealOpen.scrypt(runs: 3))
    }
} catch {
    FileHandle.standardError.write(Data("benchmarks: error: \(error)\n".utf8))
    exit(1)
}
