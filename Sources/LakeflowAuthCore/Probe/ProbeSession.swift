import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends one probe request through URLSession, holding it to the rules: redirects only within the
/// origin (so credentials never reach another host), a bounded body, and a timeout.
final class ProbeSession: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    static let maximumRedirects = 5

    private let request: ProbeRequest
    private let responseLimit: Int
    private let timeout: Duration
    private let timeoutSeconds: Double
    // URLSession calls the delegate on its own queue; everything below is guarded by `lock`.
    private let lock = NSLock()
    private var exchange = ProbeExchange()
    private var redirectsFollowed = 0
    private var challengeDeclined = false
    private var deadlinePassed = false
    private var continuation: CheckedContinuation<ProbeExchange, Never>?

    private init(request: ProbeRequest, responseLimit: Int, timeout: Duration) {
        self.request = request
        self.responseLimit = responseLimit
        self.timeout = timeout
        self.timeoutSeconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
    }

    static func send(_ request: ProbeRequest, timeout: Duration, responseLimit: Int) async -> ProbeExchange {
        await ProbeSession(request: request, responseLimit: responseLimit, timeout: timeout).run()
    }

    private func run() async -> ProbeExchange {
        // FoundationNetworking truncates timeouts to whole seconds (0.5 s fires at once), so
        // URLSession gets a whole-second backstop and the exact deadline is kept by `watchdog`.
        let backstop = max(timeoutSeconds.rounded(.up), 1) + 1
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = backstop
        configuration.timeoutIntervalForResource = backstop
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        let urlSession = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
        defer { urlSession.finishTasksAndInvalidate() }
        var urlRequest = request.urlRequest
        urlRequest.timeoutInterval = backstop
        let task = urlSession.dataTask(with: urlRequest)
        let start = ContinuousClock.now
        let watchdog = Task { [timeout] in
            try await Task.sleep(for: timeout)
            lock.withLock { deadlinePassed = true }
            task.cancel()
        }
        var result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                lock.withLock { self.continuation = continuation }
                task.resume()
            }
        } onCancel: {
            task.cancel()
        }
        watchdog.cancel()
        result.latency = ContinuousClock.now - start
        return result
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        let next: URLRequest? = lock.withLock {
            guard redirectsFollowed < Self.maximumRedirects, let url = newRequest.url,
                  ProbeOrigin(url) == request.origin else {
                exchange.redirectRefused = true
                return nil
            }
            redirectsFollowed += 1
            // Rebuilt from the original so that the declared headers survive the hop; only the
            // same origin ever gets here.
            var followed = request.urlRequest
            followed.url = url
            if response.statusCode == 303 { followed.httpMethod = "GET" }
            return followed
        }
        completionHandler(next)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {
        // A 401 with WWW-Authenticate arrives as a challenge rather than a response. The probe has
        // already presented its credentials, and answering from a credential store would send
        // something the spec never declared; so the 401 is the answer (its body is not read).
        lock.withLock {
            if let http = challenge.failureResponse as? HTTPURLResponse {
                exchange.status = http.statusCode
                challengeDeclined = true
            }
        }
        completionHandler(.cancelAuthenticationChallenge, nil)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        lock.withLock {
            if let http = response as? HTTPURLResponse {
                exchange.status = http.statusCode
                exchange.retryAfter = http.value(forHTTPHeaderField: "Retry-After")
            }
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let overflowed: Bool = lock.withLock {
            let room = responseLimit - exchange.body.count
            exchange.body.append(data.prefix(max(room, 0)))
            if data.count > room { exchange.bodyExceededLimit = true }
            return exchange.bodyExceededLimit
        }
        if overflowed { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let (continuation, exchange): (CheckedContinuation<ProbeExchange, Never>?, ProbeExchange) = lock.withLock {
            if deadlinePassed {
                self.exchange.failure = .timedOut(seconds: timeoutSeconds)
            } else if let error, !self.exchange.bodyExceededLimit, !challengeDeclined {
                self.exchange.failure = networkFailure(error)
            }
            if self.exchange.status == nil, self.exchange.failure == nil {
                self.exchange.failure = .other
            }
            defer { self.continuation = nil }
            return (self.continuation, self.exchange)
        }
        continuation?.resume(returning: exchange)
    }

    private func networkFailure(_ error: any Error) -> ProbeOutcome.NetworkFailure {
        guard let urlError = error as? URLError else { return .other }
        switch urlError.code {
        case .cannotFindHost, .dnsLookupFailed:
            return .hostNotFound
        case .cannotConnectToHost:
            return .connectionRefused
        case .timedOut:
            return .timedOut(seconds: timeoutSeconds)
        case .secureConnectionFailed, .serverCertificateHasBadDate, .serverCertificateUntrusted,
             .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid, .clientCertificateRejected,
             .clientCertificateRequired:
            return .tls
        default:
            return .other
        }
    }
}
