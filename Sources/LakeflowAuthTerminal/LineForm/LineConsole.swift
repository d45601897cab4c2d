/// Where the line form asks its questions: one line out, one line in. The terminal is one; tests
/// script another.
public protocol LineConsole: AnyObject {
    /// Columns to wrap text to.
    var width: Int { get }
    func write(_ text: String)
    /// Shows `prompt` and reads one answer without its line ending, or nil at the end of input.
    /// A `secret` answer is not echoed. Lines that arrive together with the first, as a paste of
    /// several lines does, come back with it, joined by `\n`, so that they cannot become the answers
    /// to the questions after it.
    func ask(_ prompt: String, secret: Bool) throws(LineFormError) -> String?
    /// Reads further lines of a multi-line answer, without a prompt, until `isLast` accepts one (which
    /// is included) or an empty line (which is not); nil at the end of input.
    func continueLines(secret: Bool, until isLast: (String) -> Bool) throws(LineFormError) -> [String]?
    /// A line, if one is typed within `milliseconds`, while the form waits for something else.
    func line(within milliseconds: Int32) throws(LineFormError) -> WaitedLine
    /// Drops whatever was typed or pasted ahead and not yet read.
    func discardTypeAhead()
}
