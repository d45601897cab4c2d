import Foundation

/// One request and its answer through libcurl, without following redirects: the caller decides
/// which of them credentials may follow.
final class CurlTransfer {
    struct Response {
        var status: Int?
        var retryAfter: String?
        var location: String?
        var body = Data()
        var bodyExceededLimit = false
        /// The libcurl result code; `CurlCode.ok` when an answer arrived.
        var code: Int32 = CurlCode.ok
    }

    private var response = Response()
    private let responseLimit: Int

    private init(responseLimit: Int) {
        self.responseLimit = responseLimit
    }

    /// Blocks until the answer is in, the limit is passed, or `timeoutMilliseconds` elapse.
    static func perform(_ curl: LibCurl, url: URL, method: String, headers: [(String, String)],
                        timeoutMilliseconds: Int, responseLimit: Int) -> Response {
        let transfer = CurlTransfer(responseLimit: responseLimit)
        guard let handle = curl.easyInit() else {
            transfer.response.code = -1
            return transfer.response
        }
        defer { curl.easyCleanup(handle) }
        var headerList: OpaquePointer?
        for (name, value) in headers { headerList = curl.slistAppend(headerList, "\(name): \(value)") }
        defer { curl.slistFreeAll(headerList) }
        let context = Unmanaged.passUnretained(transfer).toOpaque()

        url.absoluteString.withCString { urlText in
            method.withCString { methodText in
                "http,https".withCString { protocols in
                    _ = curl.setPointer(handle, CurlOption.url, urlText)
                    if method == "HEAD" {
                        _ = curl.setLong(handle, CurlOption.noBody, 1)
                    } else if method != "GET" {
                        _ = curl.setPointer(handle, CurlOption.customRequest, methodText)
                    }
                    _ = curl.setPointer(handle, CurlOption.httpHeader, UnsafeRawPointer(headerList))
                    _ = curl.setLong(handle, CurlOption.followLocation, 0)
                    // Signals would interrupt other threads' work; timeouts run without them.
                    _ = curl.setLong(handle, CurlOption.noSignal, 1)
                    _ = curl.setLong(handle, CurlOption.timeoutMilliseconds, max(timeoutMilliseconds, 1))
                    _ = curl.setPointer(handle, CurlOption.protocolsString, protocols)
                    _ = curl.setCallback(handle, CurlOption.writeFunction, CurlTransfer.receiveBody)
                    _ = curl.setPointer(handle, CurlOption.writeData, context)
                    _ = curl.setCallback(handle, CurlOption.headerFunction, CurlTransfer.receiveHeader)
                    _ = curl.setPointer(handle, CurlOption.headerData, context)
                    transfer.response.code = curl.easyPerform(handle)
                }
            }
        }
        var status = 0
        if curl.getLong(handle, CurlOption.responseCode, &status) == CurlCode.ok, status > 0 {
            transfer.response.status = status
        }
        return transfer.response
    }

    /// Keeps the body up to the limit; returning less than was given makes libcurl stop there.
    private static let receiveBody: LibCurl.WriteCallback = { data, size, count, context in
        guard let data, let context else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        guard transfer.response.body.count + length <= transfer.responseLimit else {
            transfer.response.bodyExceededLimit = true
            return 0
        }
        transfer.response.body.append(data.assumingMemoryBound(to: UInt8.self), count: length)
        return length
    }

    /// Header lines one at a time; a new status line (after a 100 Continue) starts a new set.
    private static let receiveHeader: LibCurl.WriteCallback = { data, size, count, context in
        guard let data, let context else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            transfer.response.retryAfter = nil
            transfer.response.location = nil
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            if name == "retry-after" { transfer.response.retryAfter = value }
            if name == "location" { transfer.response.location = value }
        }
        return length
    }
}
