import GRDB
import GRDBSQLite

/// The SQL function `text_contains(text, column, ...)`: 1 where any column holds `text`, ASCII
/// letters matched regardless of case, exactly as `column LIKE '%text%'` (whose other letters
/// match as they are).
///
/// Text too short for the trigram index is matched by reading every row, and six LIKEs were
/// almost half of that read (0.28 of 0.61 s for a million systems in the sqlite3 shell): each
/// compiles its pattern again and steps the column a character at a time. This one compares
/// bytes as SQLite holds them, eight at a time; in valid UTF-8 a byte match is a character match.
/// It goes through SQLite's C API: a GRDB function would make a Swift value of every cell.
enum TextContains {
    static let name = "text_contains"

    static func register(on db: Database) throws {
        let code = sqlite3_create_function_v2(
            db.sqliteConnection, name, -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil,
            { context, count, values in
                guard let values, count >= 1, let text = TextContains.bytes(of: values[0]) else {
                    sqlite3_result_null(context)
                    return
                }
                var found = false
                for index in 1..<Int(count) {
                    if let cell = TextContains.bytes(of: values[index]), TextContains.contains(text, in: cell) {
                        found = true
                        break
                    }
                }
                sqlite3_result_int(context, found ? 1 : 0)
            }, nil, nil, nil)
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register \(name)")
        }
    }

    /// Whether `text` occurs in `cell`, ASCII letters folded to lower case on both sides.
    static func contains(_ text: UnsafeBufferPointer<UInt8>, in cell: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = text.first else { return true }
        guard cell.count >= text.count, let base = cell.baseAddress else { return false }
        let lastStart = cell.count - text.count
        func matches(at start: Int) -> Bool {
            var offset = 0
            while offset < text.count, folded(cell[start + offset]) == folded(text[offset]) { offset += 1 }
            return offset == text.count
        }
        let wanted = folded(first)
        // A letter's two cases differ in bit 0x20 alone, and no other byte sets it to the same
        // letter: with it set on both sides, one comparison finds either case.
        let caseBit: UInt64 = wanted &- UInt8(ascii: "a") < 26 ? 0x20 : 0
        // Eight bytes at a time (most of a row's text is in its notes): a byte of `difference`
        // is zero where the first byte may match. The test flags every zero byte, and may flag
        // a byte just above one; each candidate is checked in full.
        let ones: UInt64 = 0x0101_0101_0101_0101
        var start = 0
        while start + 8 <= cell.count {
            let word = UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self) | (caseBit &* ones)
            let difference = word ^ (UInt64(wanted) &* ones)
            var candidates = (difference &- ones) & ~difference & (ones &* 0x80)
            while candidates != 0 {
                let candidate = start + candidates.trailingZeroBitCount / 8
                if candidate > lastStart { return false }
                if matches(at: candidate) { return true }
                candidates &= candidates &- 1
            }
            start += 8
        }
        while start <= lastStart {
            if matches(at: start) { return true }
            start += 1
        }
        return false
    }

    @inline(__always)
    private static func folded(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    /// The value's UTF-8 bytes, valid until SQLite moves on; nil for NULL. Asked for as a blob:
    /// text is then handed over where the record holds it, where asking for text would copy it
    /// to end it with a zero byte.
    private static func bytes(of value: OpaquePointer?) -> UnsafeBufferPointer<UInt8>? {
        guard sqlite3_value_type(value) != SQLITE_NULL else { return nil }
        // SQLite's order: the pointer first, then its length.
        let start = sqlite3_value_blob(value)
        return UnsafeBufferPointer(start: start?.assumingMemoryBound(to: UInt8.self), count: Int(sqlite3_value_bytes(value)))
    }
}
