import Foundation
import LakeflowAuthCore
import Testing

/// The loader's own authority parser must find the same scheme, host and port as Foundation.
struct URLAuthorityTests {
    @Test(arguments: [
        "https://api.acme.example", "https://api.acme.example/", "HTTPS://API.Acme.Example:8443/v1?x=1#f",
        "http://127.0.0.1:5000/v1", "http://[::1]:8080/me", "http://user:pw@host.example:81/x", "https://host?q",
        "https://host#frag", "ftp://files.example", "https://eu.example.com/api//", "http://localhost",
    ])
    func agreesWithFoundation(text: String) throws {
        let ours = try #require(URLAuthority(text))
        let components = try #require(URLComponents(string: text))
        #expect(ours.scheme == components.scheme?.lowercased())
        #expect(ours.host == components.host?.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]")))
        #expect(ours.port == components.port)
    }

    @Test(arguments: ["", "api.acme.example", "https:/host", "https://", "https://:80", "1http://host", "https://ho st",
                      "https://host:port", "https://host:99999", "https://[::1", "https://[::1]x", "mailto:ann@example.com"])
    func refusesWhatHasNoHost(text: String) {
        #expect(URLAuthority(text) == nil)
    }
}
