import GRDB
import GRDBSQLite
import InventoryFiles

/// The SQL function `text_contains(text, column, ...)`: 1 where any column holds `text`, letters
/// matched regardless of case exactly as the trigram index matches them (`TrigramFolding`), so
/// that one or two characters find what three would.
///
/// Text too short for the trigram index is matched by reading every row, and six LIKEs were
/// almost half of that read (0.28 of 0.61 s for a million systems in the sqlite3 shell): each
/// compiles its pattern again and steps the column a character at a time. This one compares
/// bytes as SQLite holds them; in valid UTF-8 a byte match is a character match. Only text or
/// cells beyond ASCII are decoded and folded code point by code point, and ASCII text only
/// where bytes alone found nothing and it holds a letter that a non-ASCII one folds to.
/// It goes through SQLite's C API: a GRDB function would make a Swift value of every cell.
enum TextContains {
    static let name = "text_contains"

    static func register(on db: Database) throws {
        let code = sqlite3_create_function_v2(
            db.sqliteConnection, name, -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil,
            { context, count, values in
                guard let values, count >= 1, sqlite3_value_type(values[0]) != SQLITE_NULL else {
                    sqlite3_result_null(context)
                    return
                }
                let text = TextContains.bytes(of: values[0])
                let cells = 1..<Int(count)
                // A NULL cell holds nothing, not even the empty text, as with LIKE. Only the empty
                // text needs telling it from an empty cell: not asking each cell's type took 1-3%
                // off a scan of every row.
                let found = text.isEmpty
                    ? cells.contains { sqlite3_value_type(values[$0]) != SQLITE_NULL }
                    : TextContains.anyCell(cells, of: values, contains: text)
                sqlite3_result_int(context, found ? 1 : 0)
            }, nil, nil, nil)
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register \(name)")
        }
    }

    /// Whether any of the `cells` of `values` holds `text`, folded as the trigram index folds it.
    private static func anyCell(
        _ cells: Range<Int>, of values: UnsafeMutablePointer<OpaquePointer?>, contains text: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        guard !TrigramFolding.hasNonASCII(text) else {
            return TrigramFolding.withFolded(text) { folded in
                cells.contains { TrigramFolding.contains(folded, in: bytes(of: values[$0])) }
            }
        }
        // Bytes first, in every cell, as before folding was needed: this scan reads every row, and
        // the rows that match by bytes are most (folding only adds what they miss).
        if cells.contains(where: { contains(text, in: bytes(of: values[$0])) }) { return true }
        guard text.contains(where: TrigramFolding.isFoldTarget) else { return false }
        return cells.contains { cell in
            let bytes = bytes(of: values[cell])
            return TrigramFolding.hasNonASCII(bytes) && TrigramFolding.withFolded(text) { TrigramFolding.contains($0, in: bytes) }
        }
    }

    /// Whether `text` occurs in `cell`, byte for byte but for ASCII letters' case.
    static func contains(_ text: UnsafeBufferPointer<UInt8>, in cell: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = text.first else { return true }
        guard cell.count >= text.count else { return false }
        let wanted = folded(first)
        // A letter's two cases differ in bit 0x20 alone, and no other byte sets it to the same
        // letter: with it set on both sides, one comparison finds either case.
        let caseBit: UInt8 = wanted &- UInt8(ascii: "a") < 26 ? 0x20 : 0
        let otherCase = wanted & ~caseBit
        // Candidates eight bytes at a time: every row's cells are read, and going a byte at a
        // time was most of this function's share of the scan.
        let starts = cell.count - text.count + 1
        var start = ByteWord.firstIndex(of: wanted, otherCase, wanted, otherCase, in: cell, from: 0, to: starts)
        while start < starts {
            var offset = 1
            while offset < text.count, folded(cell[start + offset]) == folded(text[offset]) { offset += 1 }
            if offset == text.count { return true }
            start = ByteWord.firstIndex(of: wanted, otherCase, wanted, otherCase, in: cell, from: start + 1, to: starts)
        }
        return false
    }

    @inline(__always)
    private static func folded(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    /// The value's UTF-8 bytes (none for NULL), valid until SQLite moves on. Asked for as a blob:
    /// text is then handed over where the record holds it, where asking for text would copy it
    /// to end it with a zero byte.
    private static func bytes(of value: OpaquePointer?) -> UnsafeBufferPointer<UInt8> {
        // SQLite's order: the pointer first, then its length.
        let start = sqlite3_value_blob(value)
        return UnsafeBufferPointer(start: start?.assumingMemoryBound(to: UInt8.self), count: Int(sqlite3_value_bytes(value)))
    }
}
