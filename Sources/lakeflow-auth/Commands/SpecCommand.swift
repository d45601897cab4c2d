import ArgumentParser
import FoundationEssentials
import LakeflowAuthCore

struct SpecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spec",
        abstract: "Generate, check or inspect a connector's connector_spec.yaml.",
        subcommands: [Generate.self, Inspect.self],
        defaultSubcommand: Generate.self
    )

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Write specs/<connector>/connector_spec.yaml from specs/<connector>/options.yaml.",
            shouldDisplay: false
        )

        @Argument(help: "The connector whose declarations to render.")
        var connector: String

        @Flag(help: "Exit 2 and show what differs when the committed connector_spec.yaml is stale.")
        var check = false

        @Option(name: .long, help: "Write here instead (`-` for stdout).")
        var output: String?

        func run() throws {
            let declarations = try SpecResolver().declarationsPath(connector)
            let rendered = SpecRenderer.render(try SpecLoader.load(path: declarations, connector: connector))
            let target = output ?? ParentPath.of(declarations) + "/" + SpecLoader.databricksFileName
            if check {
                try SpecDrift.check(rendered: rendered, committed: target, connector: connector)
                return
            }
            if target == "-" {
                StandardStreams.writeOutput(rendered)
            } else {
                try SpecDrift.write(rendered, to: target)
                Diagnostics.note("wrote \(target)")
            }
        }
    }

    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect",
            abstract: "Print the normalized model of a connector's spec.")

        @Argument(help: "A connector name or a spec file.")
        var target: String

        @Flag(help: "Print JSON (the only format).")
        var json = false

        @Flag(help: "Refuse the spec for what would otherwise be a warning, such as an unknown key.")
        var strict = false

        func run() throws {
            let spec = try SpecResolver().resolve(nameOrFile: target).load()
            if strict, let first = spec.warnings.first { throw first }
            Diagnostics.warn(spec.warnings)
            print(SpecInspection.json(spec).serialized(pretty: true))
        }
    }
}
