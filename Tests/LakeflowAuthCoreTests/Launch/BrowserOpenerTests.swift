import Foundation
import LakeflowAuthCore
import Testing

/// The browser is opened on a private file that redirects, so the link never shows in a process list.
struct BrowserOpenerTests {
    @Test func theTokenIsInAPrivateFileNotOnTheCommandLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-opener-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let record = folder.appendingPathComponent("record")
        let browser = folder.appendingPathComponent("browser")
        try """
            #!/bin/sh
            printf '%s\\n' "$@" > "\(record.path).args"
            stat -c %a "$1" > "\(record.path).mode"
            cat "$1" > "\(record.path)"

            """.write(to: browser, atomically: true, encoding: .utf8)
        chmod(browser.path, 0o700)
        let link = try #require(URL(string: "http://127.0.0.1:4242/?token=0123456789abcdef0123456789abcdef"))

        let opened = try #require(BrowserOpener.open(link, environment: ["BROWSER": browser.path]))
        let deadline = ContinuousClock.now + .seconds(10)
        while !FileManager.default.fileExists(atPath: record.path + ".mode") && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        Thread.sleep(forTimeInterval: 0.2)
        let arguments = try String(contentsOf: URL(fileURLWithPath: record.path + ".args"), encoding: .utf8)
        #expect(!arguments.contains("0123456789abcdef"))
        #expect(try String(contentsOf: URL(fileURLWithPath: record.path + ".mode"), encoding: .utf8) == "600\n")
        #expect(try String(contentsOf: record, encoding: .utf8).contains(#"<meta http-equiv="refresh" content="0;url=\#(link.absoluteString)">"#))
        opened.remove()
        #expect(!FileManager.default.fileExists(atPath: arguments.trimmingCharacters(in: .newlines)))
    }

    /// An authorization link's query is escaped in the page's attributes, and reads back whole.
    @Test func aLinksQueryIsEscapedInThePage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lakeflow-opener-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let record = folder.appendingPathComponent("record")
        let browser = folder.appendingPathComponent("browser")
        try "#!/bin/sh\ncat \"$1\" > \"\(record.path).part\" && mv \"\(record.path).part\" \"\(record.path)\"\n"
            .write(to: browser, atomically: true, encoding: .utf8)
        chmod(browser.path, 0o700)
        let link = try #require(URL(string: "https://id.example/authorize?response_type=code&state=s1&scope=a%20b"))
        let opened = try #require(BrowserOpener.open(link, environment: ["BROWSER": browser.path]))
        defer { opened.remove() }
        let deadline = ContinuousClock.now + .seconds(10)
        while !FileManager.default.fileExists(atPath: record.path) && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        let page = try String(contentsOf: record, encoding: .utf8)
        #expect(page.contains(#"content="0;url=https://id.example/authorize?response_type=code&amp;state=s1&amp;scope=a%20b""#))
        #expect(!page.contains("&state"))
    }

    @Test func withoutABrowserOrADisplayNothingIsOpened() {
        let link = URL(string: "http://127.0.0.1:4242/?token=x")!
        #expect(BrowserOpener.open(link, environment: ["DISPLAY": "", "PATH": "/usr/bin"]) == nil)
    }
}
