import Dispatch
import FoundationEssentials
import PosixThreads

/// The one way this tool sends HTTP: libcurl, loaded on first use.
///
/// Each call is one exchange; redirects are not followed (callers decide where credentials may
/// go), and loopback origins never go through a proxy (`http_proxy`, `ALL_PROXY`): plain http is
/// allowed to loopback only because those bytes never leave the machine. A cancelled task aborts
/// its transfer within about a second (libcurl's progress callback), and no thread is left running.
public struct HTTPClient: Sendable {
    public init() {}

    /// Loads libcurl on a thread of its own, for a caller that knows a request follows shortly: loading
    /// it and the libraries it needs (TLS, HTTP/2, Kerberos…) takes a few milliseconds, which then
    /// overlap with the caller's own work instead of delaying the request.
    public static func prepare() {
        preparation.enter()
        DetachedThread.start {
            _ = LibCurl.shared
            preparation.leave()
        }
    }

    /// Returns once a `prepare()` under way has finished. A process must call it before it exits:
    /// `exit` tears down the libraries libcurl is initializing on the other thread, and that crashes.
    public static func finishPreparing() {
        preparation.wait()
    }

    private static let preparation = DispatchGroup()

    /// - Parameters:
    ///   - timeout: for the whole exchange, connecting included.
    ///   - responseLimit: body bytes kept; a longer body stops the transfer and is marked.
    public func send(_ request: HTTPClient.Request, timeout: Duration, responseLimit: Int) async -> Result<HTTPClient.Response, HTTPFailure> {
        guard let curl = LibCurl.shared else { return .failure(.noHTTPClient) }
        let cancellation = CurlTransfer.Cancellation()
        return await withTaskCancellationHandler {
            // libcurl blocks its thread; a thread of its own keeps Swift's few shared threads free
            // (a loopback server in this same process, as in the demo, must go on answering).
            await withCheckedContinuation { continuation in
                DetachedThread.start {
                    continuation.resume(returning: CurlTransfer.perform(
                        curl, request, timeout: timeout, responseLimit: responseLimit, cancellation: cancellation))
                }
            }
        } onCancel: {
            cancellation.cancel()
        }
    }
}
