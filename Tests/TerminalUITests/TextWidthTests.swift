import Testing
import TerminalUI

@Suite struct TextWidthTests {
    @Test func asciiTakesOneColumnPerCharacter() {
        #expect(TextWidth.of("") == 0)
        #expect(TextWidth.of("CT-Scanner 3") == 12)
    }

    @Test func cjkAndFullwidthTakeTwoColumns() {
        #expect(TextWidth.of("桜") == 2)
        #expect(TextWidth.of("São Paulo 桜") == 12)
        #expect(TextWidth.of("ＡＢ") == 4)
        #expect(TextWidth.of("👍") == 2)
    }

    @Test func combiningMarksTakeNoColumn() {
        let decomposed = "e\u{301}"
        #expect(decomposed.unicodeScalars.count == 2)
        #expect(TextWidth.of(decomposed) == 1)
        #expect(TextWidth.of("Se\u{301}ance") == 6)
        #expect(TextWidth.of("a\u{200B}b") == 2)                 // zero-width space
    }

    @Test func controlCharactersCountAsTheirEscapes() {
        #expect(TextWidth.sanitized("\u{1B}[31mred") == "^[[31mred")
        #expect(TextWidth.of("\u{1B}[31mred") == 9)
        #expect(TextWidth.sanitized("a\tb\nc\r\u{7F}") == "a^Ib^Jc^M^?")
        #expect(TextWidth.sanitized("\u{9B}2J") == "<U+009B>2J")            // C1 CSI
        #expect(TextWidth.sanitized("abc\u{202E}fed") == "abc<U+202E>fed")  // right-to-left override
        #expect(TextWidth.sanitized("x\u{2028}y") == "x<U+2028>y")         // line separator
        #expect(TextWidth.sanitized("São Paulo 桜") == "São Paulo 桜")
        for scalar in TextWidth.sanitized("\u{0}\u{1}\u{1B}\u{7F}\u{85}\u{9F}\u{2066}").unicodeScalars {
            #expect((0x20...0x7E).contains(scalar.value), "U+\(String(scalar.value, radix: 16)) left unescaped")
        }
    }

    @Test func truncateAddsAnEllipsisOnlyWhenCutting() {
        #expect(TextWidth.truncate("Philips", to: 7, ellipsis: "…") == "Philips")
        #expect(TextWidth.truncate("Philips Ingenia", to: 8, ellipsis: "…") == "Philips…")
        #expect(TextWidth.truncate("Philips Ingenia", to: 8, ellipsis: "...") == "Phili...")
        #expect(TextWidth.truncate("São Paulo 桜", to: 10, ellipsis: "…") == "São Paulo…")
        #expect(TextWidth.truncate("abc", to: 0, ellipsis: "…") == "")
        #expect(TextWidth.truncate("abcdef", to: 2, ellipsis: "...") == "ab")    // no room for the ellipsis
    }

    @Test func truncateNeverSplitsAWideCharacterOrAMark() {
        #expect(TextWidth.truncate("桜桜桜", to: 5, ellipsis: "…") == "桜桜…")
        #expect(TextWidth.truncate("桜桜桜", to: 4, ellipsis: "…") == "桜…")
        #expect(TextWidth.of(TextWidth.truncate("桜桜桜", to: 4, ellipsis: "…")) == 3)
        #expect(TextWidth.truncate("e\u{301}e\u{301}e\u{301}", to: 2, ellipsis: "…") == "e\u{301}…")
        #expect(TextWidth.truncate("\u{1B}[31mred", to: 4, ellipsis: "…") == "^[[…")
    }

    /// Text whose every character is printable and one column wide takes a quicker path; it must
    /// cut and pad exactly as the general one does.
    @Test func singleColumnTextIsCutAndPaddedByCharacters() {
        #expect(TextWidth.truncate("Hôpital Sainte-Élise", to: 10, ellipsis: "…") == "Hôpital S…")
        #expect(TextWidth.truncate("Göteborg", to: 8, ellipsis: "…") == "Göteborg")
        #expect(TextWidth.truncate("Göteborg", to: 2, ellipsis: "...") == "Gö")
        #expect(TextWidth.pad("Łódź", to: 6, alignRight: true) == "  Łódź")
        #expect(TextWidth.pad("Łódź Göteborg", to: 6) == "Łódź G")
        #expect(TextWidth.truncate("caf\u{85}é", to: 12, ellipsis: "…") == "caf<U+0085>é")
    }

    @Test func padMakesExactlyTheWidth() {
        #expect(TextWidth.pad("桜", to: 4) == "桜  ")
        #expect(TextWidth.pad("桜", to: 4, alignRight: true) == "  桜")
        #expect(TextWidth.pad("42", to: 5, alignRight: true) == "   42")
        #expect(TextWidth.pad("a桜", to: 2) == "a ")                  // the wide character does not fit
        #expect(TextWidth.pad("Scanner", to: 4) == "Scan")
        for text in ["", "abc", "桜桜", "e\u{301}x", "\u{1B}x", "São Paulo 桜"] {
            for width in 0...8 {
                #expect(TextWidth.of(TextWidth.pad(text, to: width)) == width, "\(text.debugDescription) to \(width)")
            }
        }
    }

    @Test func unitsGroupMarksWithTheirBase() {
        let units = TextWidth.units("e\u{301}桜\u{1B}")
        #expect(units == [
            DisplayUnit(text: "e\u{301}", width: 1), DisplayUnit(text: "桜", width: 2),
            DisplayUnit(text: "^", width: 1), DisplayUnit(text: "[", width: 1),
        ])
        #expect(TextWidth.units("\u{301}a") == [DisplayUnit(text: "a", width: 1)])   // a mark with no base is dropped
    }
}
