import CNcurses
import TerminalUI

/// The ncurses `Screen`: screens draw into a `CellBuffer`; `present()` writes the rows that changed
/// since the last frame to stdscr with the wide-character API and lets ncurses send the difference.
final class CursesScreen: Screen {
    private(set) var buffer: CellBuffer
    /// What the terminal shows, as of the last `present()`; nil forces a full repaint.
    private var shown: CellBuffer?
    let glyphs: Glyphs
    var styles: StyleTable
    /// The locale cannot encode non-ASCII text: such characters are shown as "?".
    private let asciiOnly: Bool
    private var cursor: Point?
    private var cursorVisible = false

    init(glyphs: Glyphs, styles: StyleTable, asciiOnly: Bool) {
        self.glyphs = glyphs
        self.styles = styles
        self.asciiOnly = asciiOnly
        buffer = CellBuffer(size: Size(width: Int(rr_cols()), height: Int(rr_lines())))
    }

    var size: Size { buffer.size }

    /// Follows ncurses' idea of the terminal size (updated on KEY_RESIZE); the content is cleared.
    func syncSize() {
        let current = Size(width: Int(rr_cols()), height: Int(rr_lines()))
        if current != buffer.size {
            buffer.resize(to: current)
            shown = nil
        }
    }

    /// The next `present()` repaints everything; with `clearTerminal`, ncurses also clears the
    /// physical screen first (its idea of the content is stale after a resize or a resume).
    func invalidate(clearTerminal: Bool) {
        shown = nil
        if clearTerminal { clearok(rr_curscr(), true) }
    }

    func clear() {
        syncSize()
        buffer.clear(role: .normal)
    }

    @discardableResult
    func put(_ text: String, row: Int, column: Int, role: StyleRole, maxWidth: Int?) -> Int {
        buffer.put(text, row: row, column: column, role: role, maxWidth: maxWidth)
    }

    func fill(row: Int, column: Int, width: Int, role: StyleRole, character: Character) {
        buffer.fill(row: row, column: column, width: width, role: role, character: character)
    }

    func setCursor(_ position: Point?) {
        cursor = position
    }

    func present() {
        let size = buffer.size
        let previous = shown.flatMap { $0.size == size ? $0 : nil }
        for row in 0..<size.height where previous.map({ $0.row(row) != buffer.row(row) }) ?? true {
            write(row: row)
        }
        shown = buffer
        if let cursor, buffer.contains(row: cursor.row, column: cursor.column) {
            if !cursorVisible { curs_set(1) }
            cursorVisible = true
            wmove(rr_stdscr(), Int32(cursor.row), Int32(cursor.column))
        } else {
            if cursorVisible { curs_set(0) }
            cursorVisible = false
        }
        wnoutrefresh(rr_stdscr())
        doupdate()
    }

    /// Writes a whole row left to right, so a wide character and the cell after it are always laid
    /// down in order.
    private func write(row: Int) {
        let width = buffer.size.width
        var scalars: [wchar_t] = []
        for (column, cell) in buffer.row(row).enumerated() where !cell.isContinuation {
            let style = styles[cell.role]
            if asciiOnly, !cell.text.allSatisfy(\.isASCII) {
                for offset in 0..<cell.width {
                    putASCII("?", row: row, column: column + offset, style: style)
                }
                continue
            }
            scalars.removeAll(keepingCapacity: true)
            // A full block means a cell solid in the role's colour: where that is the background, a space is.
            let text = style.fillsWithBackground && cell.text == Self.fullBlock ? " " : cell.text
            for scalar in text.unicodeScalars { scalars.append(wchar_t(bitPattern: scalar.value)) }
            let result = rr_put_cell(Int32(row), Int32(column), scalars, Int32(scalars.count), style.attributes, style.pair)
            let isLastCell = row == buffer.size.height - 1 && column + cell.width == width
            if result == rr_err(), !isLastCell {
                for offset in 0..<cell.width { putASCII("?", row: row, column: column + offset, style: style) }
            }
        }
    }

    private static let fullBlock = "\u{2588}"

    private func putASCII(_ character: Unicode.Scalar, row: Int, column: Int, style: StyleTable.Entry) {
        let scalars: [wchar_t] = [wchar_t(bitPattern: character.value)]
        _ = rr_put_cell(Int32(row), Int32(column), scalars, 1, style.attributes, style.pair)
    }
}
