/// A count with its noun, singular for one: "1 system", "48 systems".
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
