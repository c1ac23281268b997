/// One terminal cell: what it shows and in which role.
public struct Cell: Hashable, Sendable {
    /// The base character and its combining marks; "" for the right half of a wide character.
    public var text: String
    /// 1, 2 for the left half of a wide character, 0 for its right half.
    public var width: Int
    public var role: StyleRole

    public init(text: String, width: Int, role: StyleRole) {
        self.text = text
        self.width = width
        self.role = role
    }

    /// A space of `role`.
    public static func blank(_ role: StyleRole) -> Cell {
        Cell(text: " ", width: 1, role: role)
    }

    /// True for the right half of a wide character, which backends skip when writing.
    public var isContinuation: Bool { width == 0 }
}

/// The grid every `Screen` draws into. All the drawing rules live here, once: clipping, wide
/// characters that are never split (overwriting half of one blanks the other half), and escaping of
/// control characters. Backends only turn cells into terminal output.
public struct CellBuffer: Hashable, Sendable {
    public private(set) var size: Size
    /// Row-major, `size.width * size.height` cells.
    public private(set) var cells: [Cell]

    public init(size: Size) {
        let clamped = Size(width: max(0, size.width), height: max(0, size.height))
        self.size = clamped
        cells = Array(repeating: .blank(.normal), count: clamped.width * clamped.height)
    }

    public subscript(row: Int, column: Int) -> Cell {
        precondition(contains(row: row, column: column), "cell (\(row), \(column)) is outside \(size)")
        return cells[row * size.width + column]
    }

    /// The cells of one row.
    public func row(_ row: Int) -> ArraySlice<Cell> {
        precondition(row >= 0 && row < size.height, "row \(row) is outside \(size)")
        return cells[(row * size.width)..<((row + 1) * size.width)]
    }

    public func contains(row: Int, column: Int) -> Bool {
        row >= 0 && row < size.height && column >= 0 && column < size.width
    }

    /// Changes the size; the content is cleared.
    public mutating func resize(to newSize: Size) {
        self = CellBuffer(size: newSize)
    }

    /// Every cell becomes a space of `role`.
    public mutating func clear(role: StyleRole = .normal) {
        for i in cells.indices { cells[i] = .blank(role) }
    }

    /// Draws `text` from (`row`, `column`), see `Screen.put`. Returns the column after the last drawn cell.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, role: StyleRole, maxWidth: Int? = nil) -> Int {
        guard row >= 0, row < size.height else { return column }
        let limit = min(size.width, maxWidth.map { column + max(0, $0) } ?? size.width)
        var col = column
        for unit in TextWidth.units(text) {
            if col + unit.width > limit { break }
            if col < 0 {
                // Partly left of the screen: a wide character's visible half shows as a space.
                if col + unit.width > 0 { write(DisplayUnit(text: " ", width: 1), row: row, column: 0, role: role) }
            } else {
                write(unit, row: row, column: col, role: role)
            }
            col += unit.width
        }
        return col
    }

    /// Paints `width` cells from (`row`, `column`) with `character` in `role`. A wide `character` is
    /// repeated every two columns; a last odd column becomes a space.
    public mutating func fill(row: Int, column: Int, width: Int, role: StyleRole, character: Character = " ") {
        guard row >= 0, row < size.height, width > 0 else { return }
        let unit = TextWidth.units(String(character)).first ?? DisplayUnit(text: " ", width: 1)
        let end = min(size.width, column + width)
        var col = column
        while col < end {
            let piece = col + unit.width <= end ? unit : DisplayUnit(text: " ", width: 1)
            if col >= 0 {
                write(piece, row: row, column: col, role: role)
            } else if col + piece.width > 0 {
                write(DisplayUnit(text: " ", width: 1), row: row, column: 0, role: role)
            }
            col += piece.width
        }
    }

    /// The text of a row as displayed: wide characters once, trailing spaces trimmed.
    public func text(ofRow row: Int) -> String {
        var line = self.row(row).map(\.text).joined()
        while line.last == " " { line.removeLast() }
        return line
    }

    /// The rows whose displayed text contains `needle`.
    public func rows(containing needle: String) -> [Int] {
        (0..<size.height).filter { text(ofRow: $0).contains(needle) }
    }

    private mutating func write(_ unit: DisplayUnit, row: Int, column: Int, role: StyleRole) {
        guard column >= 0, column + unit.width <= size.width else { return }
        let base = row * size.width
        let first = column
        let last = column + unit.width - 1
        // Never leave half a wide character behind.
        if cells[base + first].isContinuation, first > 0 {
            cells[base + first - 1] = .blank(cells[base + first - 1].role)
        }
        if cells[base + last].width == 2, last + 1 < size.width {
            cells[base + last + 1] = .blank(cells[base + last + 1].role)
        }
        cells[base + first] = Cell(text: unit.text, width: unit.width, role: role)
        if unit.width == 2 {
            cells[base + first + 1] = Cell(text: "", width: 0, role: role)
        }
    }
}
