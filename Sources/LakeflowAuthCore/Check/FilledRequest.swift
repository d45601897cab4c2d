import FoundationEssentials

/// One request of a check with its templates filled: what would be sent, and what a plan shows of it
/// (secrets masked unless revealed, values still to come as `{access_token}`).
struct FilledRequest {
    let declared: CheckRequest
    let method: String
    let url: CheckValue
    /// In the order they are sent; `User-Agent` is added when it is sent.
    let headers: [(String, String)]
    let shownHeaders: [(String, String)]
    let body: [UInt8]?
    /// A form as an object of its fields, a JSON body as itself.
    let shownBody: JSONValue?
    /// Whether a secret travels in it (a base address does not count: it is where it goes).
    let carriesSecret: Bool
    let basicPairs: [String]

    var pending: Bool { url.pending }
}

extension CheckScope {
    /// The request filled and held to the transport rules (`ProbeRequest`); the rules wait while the
    /// address is still to come (a plan of a request whose host an earlier answer gives).
    mutating func prepared(_ request: CheckRequest, connector: String) throws(ProbeRefusal) -> (filled: FilledRequest, sent: ProbeRequest?) {
        let filled = try filled(request)
        guard !filled.pending else { return (filled, nil) }
        return (filled, try ProbeRequest(filled, check: check, connector: connector, hostOptions: check.hostOptions(of: request),
                                         namedHosts: check.namedHosts))
    }

    /// The request with every template filled. A header, form field or auth without a value is not
    /// sent; an address placeholder without one is left empty, which the address rules then refuse.
    mutating func filled(_ request: CheckRequest) throws(ProbeRefusal) -> FilledRequest {
        var url = try fillURL(request.url)
        var headers: [(String, String)] = []
        var shownHeaders: [(String, String)] = []
        var carriesSecret = url.secret
        var basicPairs: [String] = []
        func add(_ name: String, _ value: CheckValue, prefix: String = "") {
            headers.append((name, prefix + value.text))
            shownHeaders.append((name, prefix + value.shown))
            carriesSecret = carriesSecret || value.secret
        }
        switch request.auth {
        case .none:
            break
        case let .bearer(token):
            if let value = try fill(token) { add("Authorization", value, prefix: "Bearer ") }
        case let .basic(username, password):
            let user = try fill(username)
            let pass = try fill(password)
            if user != nil || pass != nil {
                let pair = (user?.text ?? "") + ":" + (pass?.text ?? "")
                let encoded = "Basic " + Data(pair.utf8).base64EncodedString()
                let secret = user?.secret == true || pass?.secret == true
                let pending = user?.pending == true || pass?.pending == true
                headers.append(("Authorization", encoded))
                // A masked secret cannot be shown encoded: the plan shows the pair, marked as what is encoded.
                shownHeaders.append(("Authorization", (secret && !reveal) || pending
                    ? "Basic base64(" + (user?.shown ?? "") + ":" + (pass?.shown ?? "") + ")" : encoded))
                carriesSecret = carriesSecret || secret
                basicPairs.append(pair)
            }
        case let .header(name, value):
            if let filled = try fill(value), let name = try filledName(name, of: request) { add(name, filled) }
        case let .query(name, value):
            if let filled = try fill(value), let name = try filledName(name, of: request) {
                let separator = url.text.contains("?") ? "&" : "?"
                let encoded = PercentEncoding.unreserved(filled.text)
                url.text += separator + PercentEncoding.unreserved(name) + "=" + encoded
                url.shown += separator + PercentEncoding.unreserved(name) + "="
                    + ((filled.secret && !reveal) || filled.pending ? filled.shown : encoded)
                carriesSecret = carriesSecret || filled.secret
                if filled.secret { secretsSent(encoded) }
            }
        }
        // The credentials' headers (the auth's, and an Authorization written among the headers): a
        // connector's session sets them last, so no pair of a header list replaces them.
        let credentialHeaders = Set(headers.map { $0.0.lowercased() } + ["authorization"])
        for (name, template) in request.headers {
            if let value = try fill(template) { add(name, value) }
        }
        if let template = request.headerList, let list = try fill(template) {
            // Any other header is a default of the connector's session, which a pair replaces.
            let listed = try HeaderList.pairs(list.text, connector: credentials.connector, options: check.optionNames(in: [template]))
                .filter { !credentialHeaders.contains($0.name.lowercased()) }
            let replaced = Set(listed.map { $0.name.lowercased() })
            for index in headers.indices.reversed() where replaced.contains(headers[index].0.lowercased()) {
                headers.remove(at: index)
                shownHeaders.remove(at: index)
            }
            for header in listed {
                headers.append((header.name, header.value))
                shownHeaders.append((header.name, list.secret && !reveal ? Masking.mask(header.value) : header.value))
            }
            carriesSecret = carriesSecret || list.secret
        }
        var body: [UInt8]?
        var shownBody: JSONValue?
        if !request.form.isEmpty {
            var fields: [(String, String)] = []
            var shown: [(String, JSONValue)] = []
            for (name, template) in request.form {
                guard let value = try fill(template) else { continue }
                fields.append((name, value.text))
                shown.append((name, .string(value.shown)))
                carriesSecret = carriesSecret || value.secret
                if value.secret { secretsSent(PercentEncoding.unreserved(value.text)) }
            }
            body = Array(fields.map { PercentEncoding.unreserved($0.0) + "=" + PercentEncoding.unreserved($0.1) }
                .joined(separator: "&").utf8)
            shownBody = .object(shown)
            headers.append(("Content-Type", "application/x-www-form-urlencoded"))
            shownHeaders.append(("Content-Type", "application/x-www-form-urlencoded"))
        } else if let json = request.json {
            var shownValues: [String] = []
            var secret = false
            let sent = try json.filled { template throws(ProbeRefusal) -> String in
                let value = try fill(template)
                shownValues.append(value?.shown ?? "")
                secret = secret || value?.secret == true
                return value?.text ?? ""
            }
            var index = 0
            shownBody = json.filled { _ in
                defer { index += 1 }
                return shownValues[index]
            }
            body = Array(sent.serialized().utf8)
            carriesSecret = carriesSecret || secret
            headers.append(("Content-Type", "application/json"))
            shownHeaders.append(("Content-Type", "application/json"))
        }
        return FilledRequest(declared: request, method: request.method, url: url, headers: headers, shownHeaders: shownHeaders,
                             body: body, shownBody: shownBody, carriesSecret: carriesSecret, basicPairs: basicPairs)
    }

    /// An auth's header or query name, filled when it reads a value; nil when that value is missing.
    private mutating func filledName(_ name: String, of request: CheckRequest) throws(ProbeRefusal) -> String? {
        guard let template = request.auth.nameTemplate else { return name }
        guard let filled = try fill(template) else { return nil }
        guard HTTPHeaderName.isValid(filled.text) else {
            throw ProbeRefusal(connector: credentials.connector, problem: .headerName(filled.text),
                               options: check.optionNames(in: [template]))
        }
        return filled.text
    }
}
