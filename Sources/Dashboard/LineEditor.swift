import TerminalUI

/// A single line of text being typed: the status-line prompts and the edit form's text fields.
struct LineEditor: Equatable {
    private(set) var characters: [Character]
    private(set) var cursor: Int

    init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    var text: String { String(characters) }

    /// Applies an editing key; false when the key is not an editing key.
    mutating func apply(_ key: Key) -> Bool {
        switch key {
        case .character(let character):
            characters.insert(character, at: cursor)
            cursor += 1
        case .backspace:
            guard cursor > 0 else { return true }
            cursor -= 1
            characters.remove(at: cursor)
        case .delete:
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = characters.count
        case .control("u"):
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .control("k"): characters.removeSubrange(cursor...)
        default: return false
        }
        return true
    }

    /// Draws the text in `width` columns at (row, column), scrolled so the cursor is visible, and
    /// places the terminal cursor there.
    func draw(on screen: any Screen, row: Int, column: Int, width: Int, role: StyleRole) {
        guard width > 0 else { return }
        var start = 0
        while TextWidth.of(String(characters[start..<cursor])) >= width { start += 1 }
        let shown = String(characters[start...])
        screen.fill(row: row, column: column, width: width, role: role)
        screen.put(shown, row: row, column: column, role: role, maxWidth: width)
        let cursorColumn = column + TextWidth.of(String(characters[start..<cursor]))
        screen.setCursor(Point(row: row, column: min(cursorColumn, column + width - 1)))
    }
}
