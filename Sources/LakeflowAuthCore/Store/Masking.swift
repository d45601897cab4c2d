/// How a secret is shown when it must be shown at all: `••••` and at most its last four characters,
/// fewer for short secrets so that the visible tail never gives away much of the whole.
public enum Masking {
    public static let bullets = "••••"

    public static func mask(_ secret: String) -> String {
        let length = secret.count
        let visible = length < 8 ? 0 : min(4, length / 4)
        return bullets + secret.suffix(visible)
    }
}
