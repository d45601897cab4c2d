import Foundation
@testable import LakeflowAuthCore
import Testing

/// The browser is opened on a private file that redirects, so the link never shows in a process list.
struct BrowserOpenerTests {
    @Test func theTokenIsInAPrivateFileNotOnTheCommandLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-opener-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // The tests' stand-in browser records what it is given beside the link it is called by.
        let browser = folder.appendingPathComponent("browser")
        try FileManager.default.createSymbolicLink(
            at: browser, withDestinationURL: PackagePaths.root.appendingPathComponent("Tests/Fixtures/recording-browser/browser"))
        let link = try #require(URL(string: "http://127.0.0.1:4242/?token=0123456789abcdef0123456789abcdef"))

        let opened = try #require(BrowserOpener.open(link, environment: ["BROWSER": browser.path]))
        let arguments = folder.appendingPathComponent("arguments")
        let deadline = ContinuousClock.now + .seconds(10)
        while !FileManager.default.fileExists(atPath: arguments.path) && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        let given = try String(contentsOf: arguments, encoding: .utf8)
        #expect(!given.contains("0123456789abcdef"))
        #expect(try String(contentsOf: folder.appendingPathComponent("mode"), encoding: .utf8) == "600\n")
        let page = try String(contentsOf: folder.appendingPathComponent("page.html"), encoding: .utf8)
        #expect(page.contains(#"<meta http-equiv="refresh" content="0;url=\#(link.absoluteString)">"#))
        opened.remove()
        #expect(!FileManager.default.fileExists(atPath: given.trimmingCharacters(in: .newlines)))
    }

    /// An authorization link's query is escaped in the page's attributes, and reads back whole.
    @Test func aLinksQueryIsEscapedInThePage() throws {
        let link = try #require(URL(string: "https://id.example/authorize?response_type=code&state=s1&scope=a%20b"))
        let page = BrowserOpener.redirectPage(to: link)
        #expect(page.contains(#"content="0;url=https://id.example/authorize?response_type=code&amp;state=s1&amp;scope=a%20b""#))
        #expect(!page.contains("&state"))
    }

    @Test func withoutABrowserOrADisplayNothingIsOpened() {
        let link = URL(string: "http://127.0.0.1:4242/?token=x")!
        #expect(BrowserOpener.open(link, environment: ["DISPLAY": "", "PATH": "/usr/bin"]) == nil)
    }
}
