/// A count with its noun, in the singular for one: "1 system", "48 systems", "0 entries".
public enum Count {
    /// `plural` for a noun that does not just take an s.
    public static func of(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
    }
}
