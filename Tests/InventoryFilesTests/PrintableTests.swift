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
