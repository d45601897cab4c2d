import FoundationEssentials
import Synchronization

/// One request and its answer through libcurl, on the calling thread, which it blocks.
final class CurlTransfer {
    /// Set from another thread when the task that sent the request is cancelled; the progress
    /// callback reads it and aborts the transfer.
    final class Cancellation: @unchecked Sendable {
        private let cancelled = Atomic(false)

        func cancel() { cancelled.store(true, ordering: .relaxed) }
        var isCancelled: Bool { cancelled.load(ordering: .relaxed) }
    }

    private struct SettingFailed: Error {
        let option: String
    }

    private let responseLimit: Int
    private let cancellation: Cancellation
    private var headers: [(String, String)] = []
    private var body = Data()
    private var bodyExceededLimit = false

    private init(responseLimit: Int, cancellation: Cancellation) {
        self.responseLimit = responseLimit
        self.cancellation = cancellation
    }

    static func perform(_ curl: LibCurl, _ request: HTTPClient.Request, timeout: Duration, responseLimit: Int,
                        cancellation: Cancellation) -> Result<HTTPClient.Response, HTTPFailure> {
        guard !cancellation.isCancelled else { return .failure(.cancelled) }
        for (name, value) in request.headers where !HTTPHeaderName.isValid(name) || !HTTPHeaderName.isValidValue(value) {
            return .failure(.invalidHeader(name: String(name.unicodeScalars.prefix(60))))
        }
        guard let handle = curl.easyInit() else { return .failure(.other(code: -1)) }
        defer { curl.easyCleanup(handle) }
        let transfer = CurlTransfer(responseLimit: responseLimit, cancellation: cancellation)
        var headerList: OpaquePointer?
        for (name, value) in request.headers { headerList = curl.slistAppend(headerList, "\(name): \(value)") }
        defer { curl.slistFreeAll(headerList) }
        let code: Int32
        do {
            code = try transfer.run(curl, handle, request, headerList: headerList, timeout: timeout)
        } catch {
            return .failure(.unsupportedSetting(error.option))
        }
        switch code {
        case CurlCode.ok:
            break
        case CurlCode.writeError where transfer.bodyExceededLimit:
            break
        case CurlCode.abortedByCallback:
            return .failure(.cancelled)
        case CurlCode.couldNotResolveHost, CurlCode.couldNotResolveProxy:
            return .failure(.hostNotFound)
        case CurlCode.couldNotConnect:
            return .failure(.connectionRefused)
        case CurlCode.timedOut:
            return .failure(.timedOut)
        case _ where CurlCode.tlsFailures.contains(code):
            return .failure(.tls)
        default:
            return .failure(.other(code: code))
        }
        var status = 0
        guard curl.getLong(handle, CurlOption.responseCode, &status) == CurlCode.ok, status > 0 else {
            return .failure(.other(code: code))
        }
        return .success(HTTPClient.Response(status: status, headers: transfer.headers, body: transfer.body,
                                     bodyExceededLimit: transfer.bodyExceededLimit))
    }

    private func run(_ curl: LibCurl, _ handle: LibCurl.Handle, _ request: HTTPClient.Request, headerList: OpaquePointer?,
                     timeout: Duration) throws(SettingFailed) -> Int32 {
        func check(_ result: Int32, _ option: String) throws(SettingFailed) {
            guard result == CurlCode.ok else { throw SettingFailed(option: option) }
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        let milliseconds = max(1, Int(timeout.components.seconds) * 1000 + Int(timeout.components.attoseconds / 1_000_000_000_000_000))
        let isLoopback = HTTPOrigin(request.url)?.isLoopback ?? false
        // libcurl copies every string option as it is set, so Swift's temporary C strings suffice.
        try check(curl.setPointer(handle, CurlOption.url, request.url.absoluteString), "CURLOPT_URL")
        try check(curl.setPointer(handle, CurlOption.protocolsString, "http,https"), "CURLOPT_PROTOCOLS_STR")
        if isLoopback {
            // Whatever http_proxy or ALL_PROXY say: loopback bytes must not leave the machine.
            try check(curl.setPointer(handle, CurlOption.noProxy, "*"), "CURLOPT_NOPROXY")
        }
        if let body = request.body {
            // Copied by libcurl as it is set, so the bytes need not outlive this call; the zero after
            // them (not sent: the size says where the body ends) gives even an empty body an address.
            try check(curl.setLong(handle, CurlOption.postFieldSizeLarge, body.count), "CURLOPT_POSTFIELDSIZE_LARGE")
            try check((body + [0]).withUnsafeBytes { curl.setPointer(handle, CurlOption.copyPostFields, $0.baseAddress) },
                      "CURLOPT_COPYPOSTFIELDS")
        }
        if request.method == "HEAD" {
            try check(curl.setLong(handle, CurlOption.noBody, 1), "CURLOPT_NOBODY")
        } else if request.method != (request.body == nil ? "GET" : "POST") {
            try check(curl.setPointer(handle, CurlOption.customRequest, request.method), "CURLOPT_CUSTOMREQUEST")
        }
        try check(curl.setPointer(handle, CurlOption.httpHeader, UnsafeRawPointer(headerList)), "CURLOPT_HTTPHEADER")
        try check(curl.setLong(handle, CurlOption.followLocation, 0), "CURLOPT_FOLLOWLOCATION")
        // Signals would interrupt other threads' work; timeouts run without them.
        try check(curl.setLong(handle, CurlOption.noSignal, 1), "CURLOPT_NOSIGNAL")
        try check(curl.setLong(handle, CurlOption.timeoutMilliseconds, milliseconds), "CURLOPT_TIMEOUT_MS")
        try check(curl.setCallback(handle, CurlOption.writeFunction, CurlTransfer.receiveBody), "CURLOPT_WRITEFUNCTION")
        try check(curl.setPointer(handle, CurlOption.writeData, context), "CURLOPT_WRITEDATA")
        try check(curl.setCallback(handle, CurlOption.headerFunction, CurlTransfer.receiveHeader), "CURLOPT_HEADERFUNCTION")
        try check(curl.setPointer(handle, CurlOption.headerData, context), "CURLOPT_HEADERDATA")
        try check(curl.setProgressCallback(handle, CurlOption.xferInfoFunction, CurlTransfer.progress),
                  "CURLOPT_XFERINFOFUNCTION")
        try check(curl.setPointer(handle, CurlOption.xferInfoData, context), "CURLOPT_XFERINFODATA")
        try check(curl.setLong(handle, CurlOption.noProgress, 0), "CURLOPT_NOPROGRESS")
        return curl.easyPerform(handle)
    }

    /// Keeps the body up to the limit; returning less than was given makes libcurl stop there.
    private static let receiveBody: LibCurl.WriteCallback = { data, size, count, context in
        guard let data, let context else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        guard transfer.body.count + length <= transfer.responseLimit else {
            transfer.bodyExceededLimit = true
            return 0
        }
        transfer.body.append(data.assumingMemoryBound(to: UInt8.self), count: length)
        return length
    }

    /// Header lines one at a time; a new status line (after a 100 Continue) starts a new set.
    private static let receiveHeader: LibCurl.WriteCallback = { data, size, count, context in
        guard let data, let context else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            transfer.headers = []
        } else if let colon = line.firstIndex(of: ":") {
            let value = line[line.index(after: colon)...].trimmingWhiteSpace
            transfer.headers.append((String(line[..<colon]), value))
        }
        return length
    }

    /// Called often during a transfer and about once a second while it waits: the moment to stop.
    private static let progress: LibCurl.ProgressCallback = { context, _, _, _, _ in
        guard let context else { return 0 }
        return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().cancellation.isCancelled ? 1 : 0
    }
}
