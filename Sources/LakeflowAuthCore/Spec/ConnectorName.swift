/// What a connector name may be: it names a spec folder and a stored file, so it must never be able
/// to climb out of either (no `/`, no `.` or `..`, nothing hidden).
public enum ConnectorName {
    public static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-")
        }
    }
}
