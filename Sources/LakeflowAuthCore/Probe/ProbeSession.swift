import Foundation

/// Sends one probe request, holding it to the rules: redirects only within the origin (so
/// credentials never reach another host), a bounded body, and one deadline for the whole exchange.
enum ProbeSession {
    static let maximumRedirects = 5

    static func send(_ request: ProbeRequest, timeout: Duration, responseLimit: Int) async -> ProbeExchange {
        // libcurl blocks its thread; a thread of its own keeps Swift's few shared threads free (a
        // loopback server in this same process, as in the demo, must go on answering).
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: exchange(request, timeout: timeout, responseLimit: responseLimit))
            }
        }
    }

    private static func exchange(_ request: ProbeRequest, timeout: Duration, responseLimit: Int) -> ProbeExchange {
        var exchange = ProbeExchange()
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        guard let curl = LibCurl.shared else {
            exchange.failure = .noHTTPClient
            return exchange
        }
        let start = ContinuousClock.now
        var url = request.url
        var method = request.method
        for hop in 0...maximumRedirects {
            let remaining = timeout - (ContinuousClock.now - start)
            guard remaining > .zero else {
                exchange.failure = .timedOut(seconds: seconds)
                break
            }
            let response = CurlTransfer.perform(
                curl, url: url, method: method, headers: request.headers,
                timeoutMilliseconds: Int(remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000),
                responseLimit: responseLimit)
            exchange.status = response.status
            exchange.retryAfter = response.retryAfter
            exchange.body = response.body
            exchange.bodyExceededLimit = response.bodyExceededLimit
            if let failure = failure(response.code, timeoutSeconds: seconds), !response.bodyExceededLimit {
                exchange.failure = failure
                break
            }
            guard let status = response.status, [301, 302, 303, 307, 308].contains(status),
                  let location = response.location else { break }
            guard hop < maximumRedirects, let next = URL(string: location, relativeTo: url)?.absoluteURL,
                  ProbeOrigin(next) == request.origin else {
                exchange.redirectRefused = true
                break
            }
            url = next
            if status == 303 { method = "GET" }
        }
        if exchange.status == nil, exchange.failure == nil { exchange.failure = .other }
        exchange.latency = ContinuousClock.now - start
        return exchange
    }

    private static func failure(_ code: Int32, timeoutSeconds: Double) -> ProbeOutcome.NetworkFailure? {
        switch code {
        case CurlCode.ok: return nil
        case CurlCode.couldNotResolveHost, CurlCode.couldNotResolveProxy: return .hostNotFound
        case CurlCode.couldNotConnect: return .connectionRefused
        case CurlCode.timedOut: return .timedOut(seconds: timeoutSeconds)
        case _ where CurlCode.tlsFailures.contains(code): return .tls
        default: return .other
        }
    }
}
