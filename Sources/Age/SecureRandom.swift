public enum SecureRandom {
    /// Salts and nonces; the system generator is a CSPRNG on every supported platform.
    public static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in generator.next() }
    }
}
