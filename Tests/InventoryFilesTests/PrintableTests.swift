import InventoryFiles
import Testing

@Suite("Printable values")
struct PrintableTests {
    @Test func valuesAreEscapedAndCutOnlyWhereNeeded() {
        #expect(Printable.escaped("Hôpital Sainte-Élise") == "Hôpital Sainte-Élise")
        #expect(Printable.escaped("a\\b") == "a\\\\b")
        #expect(Printable.escaped("tab\there\n") == "tab\\there\\n")
        #expect(Printable.escaped("\u{1B}[31m\u{85}") == "\\u{1B}[31m\\u{85}")
        #expect(Printable.escaped("abc", limit: 3) == "abc")
        #expect(Printable.escaped("abcd", limit: 3) == "abc…")
        #expect(Printable.quoted("é\r", limit: 80) == "'é\\r'")
    }
}

extension PrintableTests {
    /// A note with a hidden tail, against the one recorded: the same first 80 characters would
    /// show two equal texts, so long values are shown from just before where they differ.
    @Test func longValuesThatDifferAreShownWhereTheyDiffer() {
        let recorded = String(repeating: "Studies go to the vendor. ", count: 4)
        let (stored, trail) = Printable.quotedDifference(recorded + "\u{0}hidden", recorded)
        #expect(stored == "…'s go to the vendor. \\u{0}hidden'")
        #expect(trail == "…'s go to the vendor. '")
        #expect(Printable.quotedDifference("short", "shirt") == ("'short'", "'shirt'"))
        let (cut, _) = Printable.quotedDifference("x" + String(repeating: "a", count: 200), "y")
        #expect(cut == "'x" + String(repeating: "a", count: 79) + "…'")
    }
}
