/// The type of an option's value. The Databricks template knows the first four; `url` and `choice`
/// are declaration extensions that render as `string`.
public enum OptionType: String, Sendable, CaseIterable {
    case string, integer, number, boolean, url, choice

    /// The type written to a `connector_spec.yaml`.
    public var databricksType: OptionType {
        switch self {
        case .url, .choice: return .string
        default: return self
        }
    }

    public static let databricksTypes: [OptionType] = [.string, .integer, .number, .boolean]
}
