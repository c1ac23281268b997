import TerminalUI

/// A `Screen` that draws into memory, for tests: read back the text of each row and the role of
/// each cell. It draws through the same `CellBuffer` as the terminal, so what a test sees here is
/// what the terminal would show (minus colours).
public final class InMemoryScreen: Screen {
    public private(set) var buffer: CellBuffer
    public let glyphs: Glyphs
    /// Where the text cursor is shown, if anywhere.
    public private(set) var cursor: Point?
    /// How many times `present()` was called.
    public private(set) var presentCount = 0
    /// The buffer as it was at the last `present()`: what a user would be looking at.
    public private(set) var presented: CellBuffer

    public init(size: Size, glyphs: Glyphs = .unicode) {
        buffer = CellBuffer(size: size)
        presented = buffer
        self.glyphs = glyphs
    }

    public var size: Size { buffer.size }

    /// Changes the size, as a terminal resize would; the content is cleared.
    public func resize(to newSize: Size) {
        buffer.resize(to: newSize)
    }

    public func clear() {
        buffer.clear(role: .normal)
    }

    @discardableResult
    public func put(_ text: String, row: Int, column: Int, role: StyleRole, maxWidth: Int?) -> Int {
        buffer.put(text, row: row, column: column, role: role, maxWidth: maxWidth)
    }

    public func fill(row: Int, column: Int, width: Int, role: StyleRole, character: Character) {
        buffer.fill(row: row, column: column, width: width, role: role, character: character)
    }

    public func setCursor(_ position: Point?) {
        cursor = position
    }

    public func present() {
        presentCount += 1
        presented = buffer
    }

    /// Each row as displayed: trailing spaces trimmed, a wide character once.
    public var lines: [String] {
        (0..<buffer.size.height).map { buffer.text(ofRow: $0) }
    }

    /// The rows joined by newlines (trailing empty rows kept, so the height shows).
    public var text: String {
        lines.joined(separator: "\n")
    }

    /// The role of a cell (for the right half of a wide character, the character's role).
    public func role(atRow row: Int, column: Int) -> StyleRole {
        buffer[row, column].role
    }

    /// The indices of the rows whose text contains `needle`.
    public func rows(containing needle: String) -> [Int] {
        buffer.rows(containing: needle)
    }

    /// The roles along a row, one per column.
    public func roles(ofRow row: Int) -> [StyleRole] {
        buffer.row(row).map(\.role)
    }

    /// The columns of `row` drawn with `role`.
    public func columns(ofRow row: Int, withRole role: StyleRole) -> [Int] {
        buffer.row(row).enumerated().filter { $0.element.role == role }.map(\.offset)
    }
}
