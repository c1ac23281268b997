/// A grid of cells that screens draw onto. The in-memory screen (tests) and the ncurses screen
/// (real use) implement it; drawing code never knows which one it has.
///
/// Every implementation draws through a `CellBuffer`, so clipping, wide characters and the escaping
/// of control characters behave identically in tests and on the terminal.
public protocol Screen: AnyObject {
    /// The current size in cells. After an `InputEvent.key(.resize)` it is already the new size.
    var size: Size { get }
    /// Box-drawing and bar glyphs suited to the terminal (Unicode, or ASCII when the locale is not UTF-8).
    var glyphs: Glyphs { get }
    /// Clears every cell to a space of the `normal` role. Start each frame with it.
    func clear()
    /// Draws `text` at (`row`, `column`), clipped to the screen and to `maxWidth` display columns if given.
    /// Control characters and escape sequences are shown escaped (ESC as `^[`), never sent raw. Wide (CJK)
    /// characters take 2 columns and are never split; combining marks take 0.
    /// Returns the column after the last drawn cell.
    @discardableResult
    func put(_ text: String, row: Int, column: Int, role: StyleRole, maxWidth: Int?) -> Int
    /// Paints `width` cells of `role` with `character` (a space by default).
    func fill(row: Int, column: Int, width: Int, role: StyleRole, character: Character)
    /// Shows the text cursor at a cell (for a field being edited), or hides it with `nil` (the default).
    func setCursor(_ position: Point?)
    /// Makes what was drawn visible (ncurses: only the changed cells reach the terminal).
    func present()
}

extension Screen {
    @discardableResult
    public func put(_ text: String, row: Int, column: Int, role: StyleRole) -> Int {
        put(text, row: row, column: column, role: role, maxWidth: nil)
    }

    public func fill(row: Int, column: Int, width: Int, role: StyleRole) {
        fill(row: row, column: column, width: width, role: role, character: " ")
    }

    /// Paints a whole row with `role`.
    public func fillRow(_ row: Int, role: StyleRole) {
        fill(row: row, column: 0, width: size.width, role: role, character: " ")
    }

    /// Draws a box outline with the screen's glyphs and, if given, a title in its top edge
    /// (`titleRole` for the title, `role` for the lines). Clipped like `put`.
    public func drawBox(
        row: Int, column: Int, width: Int, height: Int, role: StyleRole = .border,
        title: String? = nil, titleRole: StyleRole = .dialogTitle
    ) {
        guard width >= 2, height >= 2 else { return }
        let g = glyphs
        let inner = width - 2
        put(g.topLeft, row: row, column: column, role: role)
        fill(row: row, column: column + 1, width: inner, role: role, character: Character(g.horizontal))
        put(g.topRight, row: row, column: column + width - 1, role: role)
        for r in (row + 1)..<(row + height - 1) {
            put(g.vertical, row: r, column: column, role: role)
            put(g.vertical, row: r, column: column + width - 1, role: role)
        }
        put(g.bottomLeft, row: row + height - 1, column: column, role: role)
        fill(row: row + height - 1, column: column + 1, width: inner, role: role, character: Character(g.horizontal))
        put(g.bottomRight, row: row + height - 1, column: column + width - 1, role: role)
        if let title, inner >= 3 {
            let shown = TextWidth.truncate(" \(title) ", to: inner - 1, ellipsis: g.ellipsis)
            put(shown, row: row, column: column + 2, role: titleRole)
        }
    }
}
