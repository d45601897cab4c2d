/// A check that did not pass, told in env var names since that is what CI sets.
public struct HeadlessProbeFailure: UserFacingError {
    public let failure: CheckFailure
    public let spec: ConnectorSpec

    public var message: String {
        guard let result = failure.result else { return failure.message + "; nothing was saved" }
        let envVars = Dictionary(zip(result.concernedOptions, result.concernedEnvVars(in: spec)), uniquingKeysWith: { a, _ in a })
        return result.message(naming: { envVars[$0] ?? $0 }) + "; nothing was saved"
    }

    public var hints: [String] {
        guard let result = failure.result else { return failure.hints }
        let envVars = result.concernedEnvVars(in: spec)
        return (envVars.isEmpty ? [] : ["check " + envVars.joined(separator: ", ")]) + (result.mayBeOffline ? [OfflineHint.headless] : [])
    }

    public var exitStatus: ExitStatus { failure.exitStatus }
}
