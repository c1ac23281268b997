import GRDB
import GRDBSQLite
import InventoryFiles

/// The SQL function `text_contains(text, column, ...)`: 1 where any column holds `text`, letters
/// matched regardless of case as SQLite's trigram tokenizer folds them (`TrigramFolding`).
///
/// A text filter is matched by reading every row, and six LIKEs were almost half of that read
/// (0.28 of 0.61 s for a million systems in the sqlite3 shell): each compiles its pattern again
/// and steps the column a character at a time. This one compares bytes as SQLite holds them; in
/// valid UTF-8 a byte match is a character match. Only text or cells beyond ASCII are decoded
/// and folded code point by code point, and ASCII text only where bytes alone found nothing and
/// it holds a letter that a non-ASCII one folds to.
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

    /// Whether any of the `cells` of `values` holds `text`, folded as the trigram tokenizer folds it.
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
        guard let first = text.first, let last = text.last else { return true }
        guard cell.count >= text.count, let base = cell.baseAddress else { return false }
        let starts = cell.count - text.count + 1
        let (firstWanted, firstCaseBit) = caseless(first)
        guard text.count > 1 else {
            return ByteWord.firstIndex(of: firstWanted, firstWanted & ~firstCaseBit, firstWanted, firstWanted & ~firstCaseBit,
                                       in: cell, from: 0, to: starts) < starts
        }
        // Every row's cells are read, and a common first letter alone made a candidate of most
        // words. Eight starts at a time are candidates only where the text's first and last bytes
        // both match (the generic SIMD substring search, in a word). `list --search neu` at a
        // million systems: 0.47 -> 0.31 s of CPU, this function's part of it halved.
        let (lastWanted, lastCaseBit) = caseless(last)
        let raw = UnsafeRawPointer(base)
        func anyMatch(amongEightFrom start: Int) -> Bool {
            let firstBytes = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start, as: UInt64.self))
            let lastBytes = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + text.count - 1, as: UInt64.self))
            var candidates = ByteWord.bytes(of: firstBytes | ByteWord.repeated(firstCaseBit), equalTo: firstWanted)
                & ByteWord.bytes(of: lastBytes | ByteWord.repeated(lastCaseBit), equalTo: lastWanted)
            while candidates != 0 {
                if matches(text, in: cell, at: start + candidates.trailingZeroBitCount / 8) { return true }
                candidates &= candidates - 1
            }
            return false
        }
        guard starts >= 8 else { return (0..<starts).contains { matches(text, in: cell, at: $0) } }
        var start = 0
        while start + 8 <= starts {
            if anyMatch(amongEightFrom: start) { return true }
            start += 8
        }
        // The last starts, in a word that overlaps the one before: most cells are short.
        return start < starts && anyMatch(amongEightFrom: starts - 8)
    }

    /// A byte as `folded` leaves it, and the bit that, set in a cell's byte, makes either case of
    /// that letter equal it (none for a byte that is not a letter). A letter's two cases differ in
    /// bit 0x20 alone, and no other byte sets it to the same letter.
    @inline(__always)
    private static func caseless(_ byte: UInt8) -> (wanted: UInt8, caseBit: UInt8) {
        let wanted = folded(byte)
        return (wanted, wanted &- UInt8(ascii: "a") < 26 ? 0x20 : 0)
    }

    @inline(__always)
    private static func matches(_ text: UnsafeBufferPointer<UInt8>, in cell: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        var offset = 0
        while offset < text.count, folded(cell[start + offset]) == folded(text[offset]) { offset += 1 }
        return offset == text.count
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
