import Testing

/// The command line's own contract: directions when called bare, exit 2 for what it cannot parse.
struct CommandLineTests {
    @Test func bareInvocationShowsUsageAndSucceeds() throws {
        let result = try LakeflowAuthProcess.run([])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: lakeflow-auth <connector> [--plain | --from-env [--env-file FILE]]"))
        #expect(result.stdout.contains("lakeflow-auth <connector> --browser [--no-open] [--port N] [--timeout DURATION]"))
        #expect(result.stdout.contains("export"))
    }

    @Test(arguments: [["--help"], ["-h"]])
    func helpShowsHowToSetUpAConnectorWithAnExample(arguments: [String]) throws {
        let result = try LakeflowAuthProcess.run(arguments)
        #expect(result.status == 0)
        for flag in ["--plain", "--from-env", "--env-file", "--spec", "--auth-method", "--no-probe", "--probe-timeout", "--browser"] {
            #expect(result.stdout.contains("\n  \(flag)"), "\(flag) is listed")
        }
        #expect(result.stdout.contains("Examples:\n  lakeflow-auth connectors"))
        #expect(result.stdout.contains("connectors              List the connectors"))
    }

    @Test func connectorHelpNamesNoSubcommandNobodyTyped() throws {
        let result = try LakeflowAuthProcess.run(["acme", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: lakeflow-auth <connector> [--plain | --from-env"))
        #expect(!result.stdout.contains("wizard"))
        #expect(!result.stdout.contains("until the full-screen form exists"))
    }

    @Test(arguments: [["acme", "--plain", "--from-env"], ["acme", "--probe-timeout", "0"], ["acme", "--probe-timeout", "x"],
                      ["acme", "--browser", "--plain"], ["acme", "--browser", "--from-env"], ["acme", "--port", "8080", "--from-env"],
                      ["acme", "--no-open", "--from-env"], ["acme", "--port", "8080", "--plain"], ["acme", "--browser", "--timeout", "soon"], ["acme", "--browser", "--timeout", "0s"],
                      ["acme", "--browser", "--timeout", "25h"], ["acme", "--browser", "--port", "0"], ["acme", "--browser", "--port", "70000"]])
    func contradictoryOrMalformedFlagsExitTwo(arguments: [String]) throws {
        let result = try LakeflowAuthProcess.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("lakeflow-auth: error: "))
        #expect(!result.stderr.contains("Error:"))
    }

    @Test(arguments: [["--version"], ["-v"], ["version"]])
    func theVersionIsPrintedAndSucceeds(arguments: [String]) throws {
        let result = try LakeflowAuthProcess.run(arguments)
        #expect(result.status == 0)
        #expect(result.stdout.wholeMatch(of: /lakeflow-auth \d+\.\d+\.\d+\n/) != nil, "\(result.stdout)")
        #expect(result.stderr.isEmpty)
    }

    @Test func aNegativeProbeTimeoutIsAWrongNumberNotAMissingOne() throws {
        let result = try LakeflowAuthProcess.run(["acme", "--probe-timeout", "-3"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("lakeflow-auth: error: --probe-timeout takes more than 0 and at most 600 seconds\n"))
    }
}
