/// What an option name may be, everywhere one is written (a spec, a probe template's `{name}`):
/// names become JSON keys, env var names and YAML keys, so they are plain identifiers.
public enum OptionName {
    public static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" || $0 == ".")
        }
    }
}
