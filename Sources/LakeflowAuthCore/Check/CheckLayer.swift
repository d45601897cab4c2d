/// Puts the built-in check layer on whatever spec resolved for a connector name: a check for each way
/// of authenticating that the spec declares no probe for, the connector's defaults, and where each
/// credential comes from. The spec stays the truth about options: an entry that reads an option the
/// spec does not have is left out, with one warning naming it, and those values go unverified.
public enum CheckLayer {
    /// Where a built-in file is reported: its errors and warnings name this path.
    public static func path(_ connector: String) -> String { "(built in)/checks/\(connector).yaml" }

    /// The layer's file for `connector`, read (only this one, and only now).
    /// - Throws: `SpecError` when the built-in file does not read, a bug the tests catch.
    public static func file(for connector: String) throws -> CheckFile? {
        guard let text = BuiltInChecks.text(of: connector) else { return nil }
        return try CheckFileReader.read(text: text, path: path(connector))
    }

    /// `spec` with the layer of its connector name attached, when there is one.
    public static func attach(to spec: ConnectorSpec) throws -> ConnectorSpec {
        guard let file = try file(for: spec.connector) else { return spec }
        return attach(file, to: spec)
    }

    static func attach(_ file: CheckFile, to spec: ConnectorSpec) -> ConnectorSpec {
        var spec = spec
        var set = BuiltInCheckSet(path: file.path)
        var readOptions: Set<String> = []
        // Each option the spec lacks, with where it is first read and the entries it leaves out.
        var missing: [(option: String, location: SourceLocation, scopes: [String])] = []
        func usable(_ entry: CheckFile.Entry, method: AuthMethod?, where scope: String) -> ConnectorCheck? {
            let available = Set(spec.formOptions(for: method).map(\.name))
            let flow = spec.oauthFlow(for: method) != nil
            let lacking = optionsRead(by: entry, in: file).filter { option in
                !available.contains(option.0) && !(flow && option.0 == CheckFileReader.accessToken)
            }
            if let (option, location) = lacking.first {
                if let index = missing.firstIndex(where: { $0.option == option }) {
                    missing[index].scopes.append(scope)
                } else {
                    missing.append((option, location, [scope]))
                }
                return nil
            }
            readOptions.formUnion(optionsRead(by: entry, in: file).map(\.0))
            return ConnectorCheck(source: .builtIn, body: entry.body, context: file.context)
        }
        if let select = file.select {
            guard spec.authMethods.isEmpty, spec.option(named: select) != nil else {
                spec.warnings.append(SpecError(SourceLocation(path: file.path, line: 1, column: 1),
                    "the built-in check of \(spec.connector) is picked by option \"\(select)\", which this spec does not have, so its values are saved unverified",
                    hint: "the spec may have renamed it; `lakeflow-auth spec inspect \(spec.connector) --json` lists its options"))
                return spec
            }
            readOptions.insert(select)
            set.select = select
            set.defaultEntry = file.defaultMethod
            for (name, entry) in file.methods {
                if let check = usable(entry, method: nil, where: "\(select) \"\(name)\"") { set.entries.append((name, check)) }
            }
        } else if let single = file.check {
            if spec.authMethods.isEmpty, spec.probe == nil {
                set.single = usable(single, method: nil, where: spec.connector)
            }
        } else {
            for method in spec.authMethods where method.probe == nil {
                guard let entry = file.entry(method.name) else { continue }
                if let check = usable(entry, method: method, where: "auth method \"\(method.name)\"") {
                    set.entries.append((method.name, check))
                }
            }
        }
        // One warning for each option, however many entries it leaves out.
        for (option, location, scopes) in missing {
            let which = scopes.count == 1 ? "the built-in check of \(scopes[0])"
                : "the built-in checks of " + scopes.dropLast().joined(separator: ", ") + " and " + (scopes.last ?? "")
            spec.warnings.append(SpecError(
                location, "\(which) read\(scopes.count == 1 ? "s" : "") option \"\(option)\", which this spec does not have, so "
                    + (scopes.count == 1 ? "its" : "their") + " values are saved unverified",
                hint: "the spec may have renamed it; `lakeflow-auth spec inspect \(spec.connector) --json` lists its options"))
        }
        let inUse = set.single != nil || !set.entries.isEmpty
        if inUse { spec.builtInChecks = set }
        if let exchange = file.oauth, spec.oauthConfiguration != nil {
            let available = Set(spec.allOptions.map(\.name))
            if let missing = exchange.tokenParams.flatMap(\.1.placeholders).map({ Template.reference($0).name }).first(where: { !available.contains($0) }) {
                spec.warnings.append(SpecError(SourceLocation(path: file.path, line: 1, column: 1),
                    "the built-in oauth.token_params of \(spec.connector) read option \"\(missing)\", which this spec does not have, so they are not sent"))
                spec.oauthExchange = CheckFile.OAuthExchange(clientAuth: exchange.clientAuth)
            } else {
                spec.oauthExchange = exchange
            }
        }
        spec.options = spec.options.map { hinted($0, file: file, checkReads: inUse ? readOptions : []) }
        spec.authMethods = spec.authMethods.map { method in
            var method = method
            method.options = method.options.map { hinted($0, file: file, checkReads: inUse ? readOptions : []) }
            return method
        }
        return spec
    }

    /// The option with what the layer knows of it: a link, an example and a pattern where the spec has
    /// none; the layer's secret mark; and, for an option a built-in check in use reads, the layer's
    /// default in place of the spec's, so a spec's default can never aim a built-in check elsewhere.
    private static func hinted(_ option: ConnectorOption, file: CheckFile, checkReads: Set<String>) -> ConnectorOption {
        var option = option
        let hint = file.hint(for: option.name)
        option.link = option.link ?? hint?.link
        if !option.secret { option.example = option.example ?? hint?.example }
        option.pattern = option.pattern ?? hint?.pattern
        if hint?.secret == true {
            option.secret = true
            option.secretInferred = false
        }
        if checkReads.contains(option.name) {
            option.defaultValue = hint?.defaultValue
        } else if option.defaultValue == nil {
            option.defaultValue = hint?.defaultValue
        }
        return option
    }

    /// The option names an entry reads, through the file's derived values, each with where it is read:
    /// not its requests' answers (`{token/access_token}`), nor its derived values themselves.
    static func optionsRead(by entry: CheckFile.Entry, in file: CheckFile) -> [(String, SourceLocation)] {
        let values = Set(file.values.map(\.0))
        let requests: Set<String>
        if case let .requests(list, _, _) = entry.body { requests = Set(list.compactMap(\.name)) } else { requests = [] }
        var seenValues: Set<String> = []
        var result: [(String, SourceLocation)] = []
        func visit(_ reads: [(String, SourceLocation)]) {
            for (placeholder, location) in reads {
                let (name, pointer) = Template.reference(placeholder)
                if pointer != nil, requests.contains(name) { continue }
                if values.contains(name) {
                    if seenValues.insert(name).inserted { visit(file.valueReads[name] ?? []) }
                } else if !result.contains(where: { $0.0 == name }) {
                    result.append((name, location))
                }
            }
        }
        visit(entry.reads)
        return result
    }
}
