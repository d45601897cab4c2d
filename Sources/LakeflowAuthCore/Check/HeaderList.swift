/// Headers written in one option as `Name: value, Name2: value2`, read as odata's `_get_session` reads
/// its `extra_headers`: split at commas, a pair without a colon skipped, name and value trimmed, a name
/// that is no HTTP token refused.
enum HeaderList {
    struct Header: Equatable {
        let name: String
        let value: String
    }

    /// - Throws: `ProbeRefusal` naming `options` when a name is no HTTP header name.
    static func pairs(_ text: String, connector: String, options: [String]) throws(ProbeRefusal) -> [Header] {
        var headers: [Header] = []
        for pair in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let colon = pair.firstIndex(of: ":") else { continue }
            let name = pair[..<colon].trimmingWhiteSpace
            guard HTTPHeaderName.isValid(name) else {
                throw ProbeRefusal(connector: connector, problem: .headerName(name), options: options)
            }
            let header = Header(name: name, value: pair[pair.index(after: colon)...].trimmingWhiteSpace)
            // A later pair of the same name replaces an earlier one, as assigning into a session's headers does.
            headers.removeAll { $0.name.lowercased() == name.lowercased() }
            headers.append(header)
        }
        return headers
    }
}
