import Testing
import TerminalUI
import TerminalUITesting

@Suite struct InMemoryScreenTests {
    @Test func putDrawsTextAndReturnsTheNextColumn() {
        let screen = InMemoryScreen(size: Size(width: 20, height: 3))
        let end = screen.put("São Paulo 桜", row: 1, column: 2, role: .title)
        #expect(end == 14)
        #expect(screen.lines == ["", "  São Paulo 桜", ""])
        #expect(screen.text == "\n  São Paulo 桜\n")
        #expect(screen.role(atRow: 1, column: 1) == .normal)
        #expect(screen.role(atRow: 1, column: 2) == .title)
        #expect(screen.role(atRow: 1, column: 13) == .title)        // right half of 桜
        #expect(screen.role(atRow: 1, column: 14) == .normal)
        #expect(screen.rows(containing: "Paulo") == [1])
    }

    @Test func putClipsAtTheScreenEdgesAndMaxWidth() {
        let screen = InMemoryScreen(size: Size(width: 10, height: 2))
        #expect(screen.put("0123456789ABCDEF", row: 0, column: 4, role: .normal) == 10)
        #expect(screen.lines[0] == "    012345")
        #expect(screen.put("abcdefgh", row: 1, column: 1, role: .dim, maxWidth: 3) == 4)
        #expect(screen.lines[1] == " abc")
        #expect(screen.role(atRow: 1, column: 4) == .normal)
        #expect(screen.put("xyz", row: 1, column: -2, role: .normal) == 1)
        #expect(screen.lines[1] == "zabc")
        #expect(screen.put("nothing", row: 5, column: 0, role: .normal) == 0)
        #expect(screen.put("nothing", row: -1, column: 0, role: .normal) == 0)
        #expect(screen.lines == ["    012345", "zabc"])
    }

    @Test func aWideCharacterIsNeverSplit() {
        let screen = InMemoryScreen(size: Size(width: 5, height: 3))
        #expect(screen.put("ab桜桜", row: 0, column: 0, role: .normal) == 4)   // the second 桜 would need columns 4-5
        #expect(screen.lines[0] == "ab桜")
        #expect(screen.put("桜桜", row: 1, column: 0, role: .normal, maxWidth: 3) == 2)
        #expect(screen.lines[1] == "桜")
        // Overwriting either half of a wide character blanks the other half.
        screen.put("桜桜", row: 2, column: 0, role: .title)
        screen.put("x", row: 2, column: 1, role: .normal)
        #expect(screen.lines[2] == " x桜")
        screen.put("y", row: 2, column: 2, role: .normal)
        #expect(screen.lines[2] == " xy")
    }

    @Test func escapeSequencesAreShownEscapedNeverRaw() {
        let screen = InMemoryScreen(size: Size(width: 30, height: 2))
        screen.put("\u{1B}[31mred\u{1B}[0m", row: 0, column: 0, role: .normal)
        screen.put("bell\u{7}\u{9B}1J", row: 1, column: 0, role: .normal)
        #expect(screen.lines == ["^[[31mred^[[0m", "bell^G<U+009B>1J"])
        for line in screen.lines {
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        }
    }

    @Test func fillPaintsCellsOfARole() {
        let screen = InMemoryScreen(size: Size(width: 8, height: 2))
        screen.fill(row: 0, column: 0, width: 8, role: .statusBar)
        screen.put("OK", row: 0, column: 1, role: .statusMessage)
        #expect(screen.lines[0] == " OK")
        #expect(screen.columns(ofRow: 0, withRole: .statusBar) == [0, 3, 4, 5, 6, 7])
        screen.fill(row: 1, column: 2, width: 3, role: .barFill, character: "█")
        #expect(screen.lines[1] == "  ███")
        screen.fill(row: 1, column: 0, width: 5, role: .normal, character: "桜")
        #expect(screen.lines[1] == "桜桜")                              // the odd last column stays a space
        screen.fillRow(1, role: .selection)
        #expect(screen.roles(ofRow: 1) == Array(repeating: .selection, count: 8))
    }

    @Test func clearResizeAndPresent() {
        let screen = InMemoryScreen(size: Size(width: 80, height: 24))
        screen.put("hello", row: 0, column: 0, role: .title)
        #expect(screen.presentCount == 0)
        screen.present()
        #expect(screen.presentCount == 1)
        screen.clear()
        #expect(screen.lines.allSatisfy { $0.isEmpty })
        #expect(screen.presented.text(ofRow: 0) == "hello")
        screen.resize(to: Size(width: 60, height: 15))
        #expect(screen.size == Size(width: 60, height: 15))
        #expect(screen.lines.count == 15)
        #expect(screen.put(String(repeating: "x", count: 70), row: 14, column: 0, role: .normal) == 60)
        screen.setCursor(Point(row: 3, column: 4))
        #expect(screen.cursor == Point(row: 3, column: 4))
    }

    @Test(arguments: [Glyphs.unicode, Glyphs.ascii])
    func boxesUseTheScreensGlyphs(glyphs: Glyphs) {
        let screen = InMemoryScreen(size: Size(width: 12, height: 4), glyphs: glyphs)
        screen.drawBox(row: 0, column: 0, width: 12, height: 4, title: "Delete")
        let g = glyphs
        #expect(screen.lines[0] == g.topLeft + g.horizontal + " Delete " + String(repeating: g.horizontal, count: 1) + g.topRight)
        #expect(screen.lines[1] == g.vertical + String(repeating: " ", count: 10) + g.vertical)
        #expect(screen.lines[3] == g.bottomLeft + String(repeating: g.horizontal, count: 10) + g.bottomRight)
        #expect(screen.role(atRow: 0, column: 0) == .border)
        #expect(screen.role(atRow: 0, column: 3) == .dialogTitle)
    }
}

@Suite struct GlyphTests {
    @Test func asciiWhenTheLocaleIsNotUTF8OrWhenForced() {
        #expect(Glyphs.forTerminal(localeIsUTF8: true, forceASCII: false) == .unicode)
        #expect(Glyphs.forTerminal(localeIsUTF8: false, forceASCII: false) == .ascii)
        #expect(Glyphs.forTerminal(localeIsUTF8: true, forceASCII: true) == .ascii)
    }

    @Test(arguments: [Glyphs.unicode, Glyphs.ascii])
    func everyGlyphIsOneColumnAndASCIIIsASCII(glyphs: Glyphs) {
        let singles = [
            glyphs.horizontal, glyphs.vertical, glyphs.topLeft, glyphs.topRight, glyphs.bottomLeft, glyphs.bottomRight,
            glyphs.teeLeft, glyphs.teeRight, glyphs.teeTop, glyphs.teeBottom, glyphs.cross, glyphs.barFull, glyphs.barEmpty,
            glyphs.marked, glyphs.better, glyphs.worse, glyphs.sortAscending, glyphs.sortDescending, glyphs.pointer,
        ] + glyphs.barPartial
        for glyph in singles { #expect(TextWidth.of(glyph) == 1, "\(glyph)") }
        #expect(glyphs.better != glyphs.worse)
        if glyphs == .ascii {
            #expect((singles + [glyphs.ellipsis]).allSatisfy { $0.allSatisfy(\.isASCII) })
        }
    }

    @Test func barsAreSmoothInUnicodeAndRoundedInASCII() {
        #expect(Glyphs.unicode.bar(fraction: 0.5, width: 4) == Bar(filled: "██", empty: "░░"))
        #expect(Glyphs.unicode.bar(fraction: 0.3, width: 4) == Bar(filled: "█▎", empty: "░░"))   // 9.6 eighths -> 10
        #expect(Glyphs.unicode.bar(fraction: 1.5, width: 3) == Bar(filled: "███", empty: ""))
        #expect(Glyphs.ascii.bar(fraction: 0.3, width: 4) == Bar(filled: "#", empty: "..."))
        #expect(Glyphs.ascii.bar(fraction: .nan, width: 2) == Bar(filled: "", empty: ".."))
        for glyphs in [Glyphs.unicode, .ascii] {
            for width in [1, 5, 20] {
                for step in 0...40 {
                    let bar = glyphs.bar(fraction: Double(step) / 40, width: width)
                    #expect(TextWidth.of(bar.filled) + TextWidth.of(bar.empty) == width)
                }
            }
        }
    }
}

@Suite struct InputTests {
    @Test func scriptedInputPlaysItsEventsThenEndsInput() {
        let input = ScriptedInput([.key(.down), .timeout, .key(.character("桜"))])
        #expect(input.next(timeoutMilliseconds: 100) == .key(.down))
        #expect(input.next(timeoutMilliseconds: 100) == .timeout)
        #expect(input.next(timeoutMilliseconds: 50) == .key(.character("桜")))
        #expect(input.next(timeoutMilliseconds: 100) == .endOfInput)
        #expect(input.next(timeoutMilliseconds: 100) == .endOfInput)
        #expect(input.requestedTimeouts == [100, 100, 50, 100, 100])
        let typed = ScriptedInput(keys: ScriptedInput.keys(typing: "Sé") + [.control("s")])
        #expect(typed.remaining == [.key(.character("S")), .key(.character("é")), .key(.control("s"))])
    }

    @Test func keyLabelsForHelpScreens() {
        #expect(Key.control("s").label == "Ctrl-S")
        #expect(Key.function(2).label == "F2")
        #expect(Key.character(" ").label == "Space")
        #expect(Key.character("?").label == "?")
        #expect(Key.pageDown.label == "PgDn")
        #expect(Key.escape.label == "Esc")
    }
}
