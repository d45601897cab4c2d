import Foundation
@testable import LakeflowAuthCore
import Testing

/// A header list (odata's `extra_headers`) is read as the connector reads it, and a name no server
/// would take is refused before anything is sent, naming the option.
struct HeaderListTests {
    @Test func pairsAreSplitAtCommasTrimmedAndTheLastOfANameKept() throws {
        let headers = try HeaderList.pairs(" sap-client : 100,,no colon, X-A: 1: 2 ,sap-client:200", connector: "odata",
                                           options: ["extra_headers"])
        #expect(headers == [.init(name: "X-A", value: "1: 2"), .init(name: "sap-client", value: "200")])
        #expect(try HeaderList.pairs("", connector: "odata", options: ["extra_headers"]).isEmpty)
    }

    @Test(arguments: ["Bad Name: x", "é: x", ": x"])
    func aNameThatIsNoHeaderNameIsRefused(_ text: String) {
        #expect(throws: ProbeRefusal.self) { try HeaderList.pairs(text, connector: "odata", options: ["extra_headers"]) }
        let refusal = try? #require(throws: ProbeRefusal.self) { try HeaderList.pairs(text, connector: "odata", options: ["extra_headers"]) }
        #expect(refusal?.options == ["extra_headers"])
    }
}

/// A JSON object pasted the ways hl7_v2's connector accepts a service-account key.
struct JSONObjectTextTests {
    static let key = #"{"type":"service_account","client_email":"a@b.example"}"#

    @Test func theObjectDoubleEncodedBase64OrEmbeddedReadsAlike() throws {
        let base64 = Data(Self.key.utf8).base64EncodedString()
        let doubled = try #require(JSONValue.string(Self.key).serialized() as String?)
        for given in [Self.key, "  \(Self.key)\n", doubled, base64, "key: \(Self.key) (pasted)"] {
            #expect(JSONObjectText.read(given) == Self.key, "\(given)")
        }
    }

    @Test(arguments: ["", "not json", #"["a"]"#, #""just a string""#, "e30", "e30="])
    func textWithoutAnObjectHasNone(_ given: String) {
        // "e30=" is base64 of "{}", an object, and reads; "e30" lacks its padding, which Python's
        // b64decode(validate=True) refuses too.
        #expect((JSONObjectText.read(given) != nil) == (given == "e30="))
    }
}
