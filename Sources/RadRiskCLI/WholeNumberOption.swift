import ArgumentParser

/// Reads the value of a whole-number option such as `--base`. Such options are declared with
/// `parsing: .unconditional`: otherwise `--base -1` is taken for an option, and the value is
/// reported as missing instead of refused with what is allowed.
func wholeNumber(atLeast minimum: Int) -> @Sendable (String) throws -> Int {
    { text in
        guard let number = Int(text), number >= minimum else {
            throw ValidationError("allowed: a whole number, \(minimum) or more")
        }
        return number
    }
}
