extension Form {
    /// Takes the values of a front end that sends every field at once (a browser's form post). A
    /// secret is never sent to the page, so it comes back empty when the person left it alone: empty
    /// then means "keep", and the value it had stays. Fields left out of the post, or posted unchanged,
    /// keep their values and their marks; names that are no field of the chosen method are ignored.
    public mutating func take(_ posted: [String: String]) {
        for option in fields {
            guard let raw = posted[option.name] else { continue }
            if option.secret && raw.isEmpty { continue }
            if values[option.name] == (raw.isEmpty ? nil : raw) { continue }
            set(option.name, raw)
        }
    }
}
