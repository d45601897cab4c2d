import ArgumentParser

/// `spec inspect`'s line, read without ArgumentParser: tools call it once per spec.
extension SpecCommand.Inspect: QuicklyParsed {
    static func unparsed() -> SpecCommand.Inspect {
        var command = SpecCommand.Inspect()
        command.target = ""
        command.json = false
        command.strict = false
        return command
    }

    static var positionals: [WritableKeyPath<SpecCommand.Inspect, String>] { [\.target] }
    static var switches: [String: WritableKeyPath<SpecCommand.Inspect, Bool>] { ["--json": \.json, "--strict": \.strict] }
    static var options: [String: (inout SpecCommand.Inspect, String) -> Bool] { [:] }

    mutating func validateAll() throws {
        try validate()
    }
}
