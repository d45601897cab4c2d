/// How a `--dry-run` form ends: the values are valid, and instead of checking and saving them the
/// command prints the requests the check would send. Front ends end as on any error the session
/// throws; the command that started them catches this one and exits 0.
public struct DryRunReady: UserFacingError {
    public let credentials: Credentials

    public init(credentials: Credentials) {
        self.credentials = credentials
    }

    public var message: String {
        "dry run: nothing was sent or saved; the requests the check would send are printed where lakeflow-auth runs"
    }

    public var exitStatus: ExitStatus { .success }
}
