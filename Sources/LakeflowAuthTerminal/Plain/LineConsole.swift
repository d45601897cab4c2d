/// Where the plain form asks its questions: one line out, one line in. The terminal is one; tests
/// script another.
public protocol LineConsole: AnyObject {
    /// Columns to wrap text to.
    var width: Int { get }
    func write(_ text: String)
    /// Shows `prompt` and reads one answer without its line ending, or nil at the end of input.
    /// A `secret` answer is not echoed.
    func ask(_ prompt: String, secret: Bool) throws(PlainFormError) -> String?
}
