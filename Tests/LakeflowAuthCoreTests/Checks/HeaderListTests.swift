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
