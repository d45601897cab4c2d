/// RFC 6901 JSON pointers, which is how a probe declares where the identity sits in the answer.
enum JSONPointer {
    static func resolve(_ pointer: String, in document: JSONValue) -> JSONValue? {
        guard !pointer.isEmpty else { return document }
        guard pointer.hasPrefix("/") else { return nil }
        var current = document
        for rawToken in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            // ~1 first, so that "~01" becomes "~1" and not "/".
            let token = String(rawToken.replacing("~1", with: "/").replacing("~0", with: "~"))
            switch current {
            case let .object(members):
                guard let next = members.first(where: { $0.0 == token })?.1 else { return nil }
                current = next
            case let .array(items):
                guard let index = arrayIndex(token), index < items.count else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    /// No leading zeros and no signs, as the RFC requires.
    private static func arrayIndex(_ token: String) -> Int? {
        guard !token.isEmpty, token.allSatisfy(\.isASCII), token.allSatisfy(\.isNumber),
              token == "0" || !token.hasPrefix("0") else { return nil }
        return Int(token)
    }
}
