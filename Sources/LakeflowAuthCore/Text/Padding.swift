extension String {
    /// Exactly `length` UTF-16 units long, as `NSString.padding(toLength:withPad:startingAt:)` made a
    /// table's cell: spaces added, or the end cut off.
    public func padded(toLength length: Int) -> String {
        let units = utf16.count
        if units <= length { return self + String(repeating: " ", count: length - units) }
        return String(decoding: Array(utf16.prefix(length)), as: UTF16.self)
    }
}
