import FoundationEssentials
import Glibc

/// libcurl, loaded the first time a request is sent rather than when the program starts.
///
/// Loaded by its Linux (Debian) library names: this is why Package.swift names Linux only.
///
/// Linking libcurl (directly, or through FoundationNetworking's URLSession) loads it and the two
/// dozen libraries behind it at every start, which costs more than everything else `spec inspect`
/// or `export` does; most invocations never send a request. libcurl is also what URLSession uses on
/// Linux, so TLS, the system's CA certificates and the `https_proxy` variables behave the same.
struct LibCurl: @unchecked Sendable {
    typealias Handle = OpaquePointer
    typealias WriteCallback = @convention(c) (UnsafeMutableRawPointer?, Int, Int, UnsafeMutableRawPointer?) -> Int
    /// (context, download total, downloaded, upload total, uploaded); non-zero aborts the transfer.
    typealias ProgressCallback = @convention(c) (UnsafeMutableRawPointer?, Int64, Int64, Int64, Int64) -> Int32

    let easyInit: @convention(c) () -> Handle?
    let easyCleanup: @convention(c) (Handle?) -> Void
    let easyPerform: @convention(c) (Handle?) -> Int32
    let slistAppend: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?
    let slistFreeAll: @convention(c) (OpaquePointer?) -> Void
    // curl_easy_setopt and curl_easy_getinfo are variadic; on the Linux ABIs (x86-64, AArch64) a
    // variadic call with one pointer or integer argument is passed exactly like a fixed one.
    let setLong: @convention(c) (Handle?, Int32, Int) -> Int32
    let setPointer: @convention(c) (Handle?, Int32, UnsafeRawPointer?) -> Int32
    let setCallback: @convention(c) (Handle?, Int32, WriteCallback?) -> Int32
    let setProgressCallback: @convention(c) (Handle?, Int32, ProgressCallback?) -> Int32
    let getLong: @convention(c) (Handle?, Int32, UnsafeMutablePointer<Int>?) -> Int32

    /// Debian ships libcurl built against OpenSSL or GnuTLS; either serves.
    static let libraryNames = ["libcurl-gnutls.so.4", "libcurl.so.4", "libcurl.so"]

    /// nil when no libcurl is installed.
    static let shared: LibCurl? = {
        guard let library = libraryNames.lazy.compactMap({ dlopen($0, RTLD_LAZY | RTLD_LOCAL) }).first else { return nil }
        func symbol<T>(_ name: String, as type: T.Type) -> T? {
            dlsym(library, name).map { unsafeBitCast($0, to: type) }
        }
        guard let easyInit = symbol("curl_easy_init", as: (@convention(c) () -> Handle?).self),
              let easyCleanup = symbol("curl_easy_cleanup", as: (@convention(c) (Handle?) -> Void).self),
              let easyPerform = symbol("curl_easy_perform", as: (@convention(c) (Handle?) -> Int32).self),
              let slistAppend = symbol("curl_slist_append", as: (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?).self),
              let slistFreeAll = symbol("curl_slist_free_all", as: (@convention(c) (OpaquePointer?) -> Void).self),
              let setopt = dlsym(library, "curl_easy_setopt"),
              let getinfo = dlsym(library, "curl_easy_getinfo"),
              let globalInit = symbol("curl_global_init", as: (@convention(c) (Int) -> Int32).self),
              globalInit(CurlOption.globalDefault) == 0
        else { return nil }
        return LibCurl(
            easyInit: easyInit, easyCleanup: easyCleanup, easyPerform: easyPerform,
            slistAppend: slistAppend, slistFreeAll: slistFreeAll,
            setLong: unsafeBitCast(setopt, to: (@convention(c) (Handle?, Int32, Int) -> Int32).self),
            setPointer: unsafeBitCast(setopt, to: (@convention(c) (Handle?, Int32, UnsafeRawPointer?) -> Int32).self),
            setCallback: unsafeBitCast(setopt, to: (@convention(c) (Handle?, Int32, WriteCallback?) -> Int32).self),
            setProgressCallback: unsafeBitCast(setopt, to: (@convention(c) (Handle?, Int32, ProgressCallback?) -> Int32).self),
            getLong: unsafeBitCast(getinfo, to: (@convention(c) (Handle?, Int32, UnsafeMutablePointer<Int>?) -> Int32).self))
    }()
}
