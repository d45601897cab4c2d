import Foundation
import Testing

/// The binary the tests run carries no ICU: neither ICU's data (`icudt…`, 34 MB, in a build that links
/// the Swift libraries statically) nor, in one that links them dynamically, the libraries that bring it
/// (Foundation, FoundationInternationalization, _FoundationICU). FoundationEssentials is all it needs.
struct BinaryLinkageTests {
    @Test func carriesNoICU() throws {
        let binary = try Data(contentsOf: try LakeflowAuthProcess.builtBinary())
        for marker in ["icudt", "libFoundation.so", "libFoundationInternationalization.so", "lib_FoundationICU.so"] {
            #expect(binary.range(of: Data(marker.utf8)) == nil, "\(marker) is in the binary")
        }
    }
}
