/// The numbers of the libcurl options and codes the client uses (curl/curl.h; stable across versions).
enum CurlOption {
    static let globalDefault = 3  // CURL_GLOBAL_SSL | CURL_GLOBAL_WIN32

    static let writeData: Int32 = 10_001
    static let url: Int32 = 10_002
    static let httpHeader: Int32 = 10_023
    static let headerData: Int32 = 10_029
    static let customRequest: Int32 = 10_036
    static let xferInfoData: Int32 = 10_057
    static let copyPostFields: Int32 = 10_165
    static let noProxy: Int32 = 10_177
    static let protocolsString: Int32 = 10_318
    static let writeFunction: Int32 = 20_011
    static let headerFunction: Int32 = 20_079
    static let xferInfoFunction: Int32 = 20_219
    static let postFieldSizeLarge: Int32 = 30_120
    static let noProgress: Int32 = 43
    static let noBody: Int32 = 44
    static let followLocation: Int32 = 52
    static let noSignal: Int32 = 99
    static let timeoutMilliseconds: Int32 = 155

    static let responseCode: Int32 = 0x200000 + 2  // CURLINFO_LONG + 2
}

/// The libcurl result codes the client tells apart (CURLcode).
enum CurlCode {
    static let ok: Int32 = 0
    static let couldNotResolveProxy: Int32 = 5
    static let couldNotResolveHost: Int32 = 6
    static let couldNotConnect: Int32 = 7
    static let writeError: Int32 = 23
    static let timedOut: Int32 = 28
    static let abortedByCallback: Int32 = 42
    static let tlsFailures: Set<Int32> = [35, 51, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91]
}
