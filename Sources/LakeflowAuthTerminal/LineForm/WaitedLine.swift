/// What the terminal gave while the form waited for something else (the provider's callback): a line
/// the person typed or pasted, nothing yet, or the end of input.
public enum WaitedLine: Equatable, Sendable {
    case line(String)
    case nothing
    case endOfInput
}
