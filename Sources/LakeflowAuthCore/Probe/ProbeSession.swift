import FoundationEssentials

/// Sends one request of a check through `HTTPClient`, holding it to the rules: redirects only within
/// the origin (so credentials never reach another host), a bounded body, and a deadline.
enum ProbeSession {
    static let maximumRedirects = 5

    /// - Parameters:
    ///   - timeout: what is left of the check's deadline.
    ///   - totalTimeout: the whole deadline, as a message names it.
    static func send(_ request: ProbeRequest, timeout: Duration, totalTimeout: Duration? = nil, responseLimit: Int,
                     client: HTTPClient = HTTPClient()) async -> ProbeExchange {
        var exchange = ProbeExchange()
        let seconds = Self.seconds(totalTimeout ?? timeout)
        let start = ContinuousClock.now
        var next = HTTPClient.Request(method: request.method, url: request.url, headers: request.headers, body: request.body)
        for hop in 0...maximumRedirects {
            let remaining = timeout - (ContinuousClock.now - start)
            guard remaining > .zero else {
                exchange.failure = .timedOut(seconds: seconds)
                break
            }
            let response: HTTPClient.Response
            switch await client.send(next, timeout: remaining, responseLimit: responseLimit) {
            case let .failure(failure):
                exchange.failure = networkFailure(failure, timeoutSeconds: seconds)
                exchange.latency = ContinuousClock.now - start
                return exchange
            case let .success(answer):
                response = answer
            }
            exchange.status = response.status
            exchange.retryAfter = response.header("Retry-After")
            exchange.announcedExpiry = AnnouncedExpiry.find(in: response.headers)
            exchange.body = response.body
            exchange.bodyExceededLimit = response.bodyExceededLimit
            guard [301, 302, 303, 307, 308].contains(response.status), let location = response.header("Location") else { break }
            guard hop < maximumRedirects, let target = URL(string: location, relativeTo: next.url)?.absoluteURL,
                  HTTPOrigin(target) == request.origin else {
                exchange.redirectRefused = true
                break
            }
            next.url = target
            // As HTTP clients do: a 303, or a 301 or 302 of a POST, is followed with a GET and no body.
            if response.status == 303 || (next.method == "POST" && [301, 302].contains(response.status)) {
                next.method = "GET"
                next.body = nil
                next.headers.removeAll { ["content-type", "expect"].contains($0.0.lowercased()) }
            }
        }
        exchange.latency = ContinuousClock.now - start
        return exchange
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func networkFailure(_ failure: HTTPFailure, timeoutSeconds: Double) -> ProbeOutcome.NetworkFailure {
        switch failure {
        case .hostNotFound: return .hostNotFound
        case .connectionRefused: return .connectionRefused
        case .timedOut: return .timedOut(seconds: timeoutSeconds)
        case .tls: return .tls
        case .noHTTPClient: return .noHTTPClient
        case .cancelled, .invalidHeader, .unsupportedSetting, .other: return .other
        }
    }
}
