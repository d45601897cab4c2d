import Foundation

extension Pipe {
    /// Closes both ends. Foundation's `Process` keeps the pipes it was handed for as long as it lives,
    /// so their descriptors outlive a run unless closed: a suite of a thousand runs held a thousand
    /// pipes, and `Process.run` crashed listing them.
    func closeBothEnds() {
        try? fileHandleForReading.close()
        try? fileHandleForWriting.close()
    }
}
