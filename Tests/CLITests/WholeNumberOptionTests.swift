import Testing

/// A negative or non-numeric value of a whole-number option is refused as a value, naming it and
/// what is allowed, rather than taken for an option and reported as a missing value.
@Suite("Whole-number options")
struct WholeNumberOptionTests {
    static let refusals: [([String], String)] = [
        (["import", "inventory.csv", "--base", "-1"], "The value '-1' is invalid for '--base <entry>': allowed: a whole number, 0 or more"),
        (["import", "inventory.csv", "--base", "abc"], "The value 'abc' is invalid for '--base <entry>': allowed: a whole number, 0 or more"),
        (["edit", "s1", "--set", "notes=x", "--expect-version", "-3"],
         "The value '-3' is invalid for '--expect-version <n>': allowed: a whole number, 1 or more"),
        (["edit", "s1", "--set", "notes=x", "--expect-version", "0"],
         "The value '0' is invalid for '--expect-version <n>': allowed: a whole number, 1 or more"),
        (["list", "--limit", "-1"], "The value '-1' is invalid for '--limit <limit>': allowed: a whole number, 0 or more"),
    ]

    @Test(arguments: refusals)
    func aValueOutOfRangeIsNamedWithWhatIsAllowed(arguments: [String], message: String) throws {
        let result = try RadRiskProcess.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: \(message)\n"), "\(result.stderr)")
    }
}
