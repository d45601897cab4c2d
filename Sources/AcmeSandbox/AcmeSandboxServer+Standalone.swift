import Dispatch
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension AcmeSandboxServer {
    /// Entry point for running the sandbox as its own process (benchmarks, demos):
    /// starts, reports the URL through `onReady`, then serves until SIGINT or
    /// SIGTERM arrives or the calling task is cancelled, and stops cleanly.
    public static func runForever(
        configuration: AcmeSandboxConfiguration,
        onReady: @Sendable (URL) -> Void
    ) async throws {
        let server = AcmeSandboxServer(configuration: configuration)
        let url = try await server.start()
        onReady(url)
        await untilTerminationSignal()
        await server.stop()
    }

    /// Loads a configuration from a JSON file, e.g. one written by `JSONEncoder`
    /// from an `AcmeSandboxConfiguration`.
    public static func configuration(contentsOf file: URL) throws -> AcmeSandboxConfiguration {
        try JSONDecoder().decode(AcmeSandboxConfiguration.self, from: Data(contentsOf: file))
    }

    private static func untilTerminationSignal() async {
        let (signals, continuation) = AsyncStream<Void>.makeStream()
        let sources = [SIGINT, SIGTERM].map { number in
            // Ignored at the process level so the dispatch source, not the
            // default action, sees the signal and the port is released cleanly.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield() }
            source.resume()
            return source
        }
        await withTaskCancellationHandler {
            for await _ in signals { break }
        } onCancel: {
            continuation.finish()
        }
        for source in sources { source.cancel() }
        for number in [SIGINT, SIGTERM] { signal(number, SIG_DFL) }
    }
}
