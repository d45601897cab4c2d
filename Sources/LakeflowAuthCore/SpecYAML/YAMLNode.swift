/// A node of a YAML document as libyaml's events describe it, at the position its first event starts.
struct YAMLNode {
    enum Content {
        case scalar(Scalar)
        case sequence([YAMLNode])
        case mapping([(key: YAMLNode, value: YAMLNode)])
    }

    let content: Content
    /// The tag written on a collection; nil when none was.
    let tag: String?
    let line: Int
    let column: Int

    /// A scalar's text with what its type depends on: its tag and whether it was written plain.
    struct Scalar {
        /// The tag of a quoted or block scalar written without one, as libyaml's `quoted_implicit` says;
        /// a plain one written without a tag has none, and its text decides its type.
        static let stringTag = "tag:yaml.org,2002:str"

        let text: String
        let tag: String?
        let isPlain: Bool
    }
}
