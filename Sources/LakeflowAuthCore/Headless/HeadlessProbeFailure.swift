/// A probe that did not accept the credentials, told in env var names since that is what CI sets.
public struct HeadlessProbeFailure: UserFacingError {
    public let result: ProbeResult
    public let spec: ConnectorSpec

    public var message: String {
        let envVars = Dictionary(zip(result.concernedOptions, result.concernedEnvVars(in: spec)), uniquingKeysWith: { a, _ in a })
        return result.message(naming: { envVars[$0] ?? $0 }) + "; nothing was saved"
    }

    public var hints: [String] {
        let envVars = result.concernedEnvVars(in: spec)
        return envVars.isEmpty ? [] : ["check " + envVars.joined(separator: ", ")]
    }

    public var exitStatus: ExitStatus { result.exitStatus }
}
