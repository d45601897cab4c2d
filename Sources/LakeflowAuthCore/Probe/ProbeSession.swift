import Foundation

/// Sends one probe request through `HTTPClient`, holding it to the rules: redirects only within the
/// origin (so credentials never reach another host), a bounded body, and one deadline for the whole
/// exchange.
enum ProbeSession {
    static let maximumRedirects = 5

    static func send(_ request: ProbeRequest, timeout: Duration, responseLimit: Int,
                     client: HTTPClient = HTTPClient()) async -> ProbeExchange {
        var exchange = ProbeExchange()
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        let start = ContinuousClock.now
        var next = HTTPClient.Request(method: request.method, url: request.url, headers: request.headers)
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
            if response.status == 303 { next.method = "GET" }
        }
        exchange.latency = ContinuousClock.now - start
        return exchange
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
