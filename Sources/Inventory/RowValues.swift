import GRDB
import GRDBSQLite

/// The values of one execution of a statement, in parameter order, laid out in one byte buffer.
///
/// A bulk import makes these on its reading core, so that its writing core only binds and steps.
/// With GRDB `DatabaseValue`s and `StatementArguments` for each row (a key path per value, bound
/// by GRDB on the writing core), storing a million systems' rows took 46.6 s; it takes 19.7 with
/// these. Edits bind through the same type, so every way a system reaches the table spells its
/// columns through one piece of code.
struct RowValues: Sendable {
    private enum Value: Sendable {
        case text(start: Int32, count: Int32)
        case integer(Int64)
        case null
    }

    private var bytes: [UInt8] = []
    private var values: [Value] = []

    init(reservingValues valueCount: Int = 0, bytes byteCount: Int = 0) {
        values.reserveCapacity(valueCount)
        bytes.reserveCapacity(byteCount)
    }

    var count: Int { values.count }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(utf8: $0) }
    }

    mutating func append(utf8 text: some Collection<UInt8>) {
        let start = bytes.count
        bytes.append(contentsOf: text)
        values.append(.text(start: Int32(start), count: Int32(bytes.count - start)))
    }

    mutating func append(_ text: String?) {
        if let text { append(text) } else { appendNull() }
    }

    mutating func append(_ integer: Int) { values.append(.integer(Int64(integer))) }

    mutating func append(_ integer: Int?) {
        if let integer { append(integer) } else { appendNull() }
    }

    mutating func appendNull() { values.append(.null) }

    mutating func append(contentsOf other: RowValues) {
        let offset = Int32(bytes.count)
        bytes.append(contentsOf: other.bytes)
        for value in other.values {
            if case .text(let start, let count) = value {
                values.append(.text(start: start + offset, count: count))
            } else {
                values.append(value)
            }
        }
    }

    mutating func removeAll(keepingCapacity: Bool) {
        bytes.removeAll(keepingCapacity: keepingCapacity)
        values.removeAll(keepingCapacity: keepingCapacity)
    }

    /// The values at `positions`, as a row of their own.
    func slice(values positions: Range<Int>) -> RowValues {
        var slice = RowValues()
        for value in values[positions] {
            if case .text(let start, let count) = value {
                slice.append(utf8: bytes[Int(start)..<Int(start + count)])
            } else {
                slice.values.append(value)
            }
        }
        return slice
    }

    /// Binds the values to the statement's parameters, in order, and runs `body` while the bound
    /// bytes are valid. Text is bound in place (`SQLITE_STATIC`): SQLite copies it into the record
    /// while stepping, and `execute` clears the bindings before the bytes go.
    fileprivate func withBound<Result>(to statement: SQLiteStatement, _ body: () throws -> Result) rethrows -> Result {
        assert(sqlite3_bind_parameter_count(statement) == Int32(values.count), "one value per parameter")
        return try bytes.withUnsafeBufferPointer { all in
            for (offset, value) in values.enumerated() {
                let index = Int32(offset + 1)
                switch value {
                case .text(let start, let count):
                    // An empty array's base address may be nil, which SQLite would bind as NULL.
                    let text = count == 0 ? Self.empty : UnsafeRawPointer(all.baseAddress! + Int(start))
                    sqlite3_bind_text(statement, index, text.assumingMemoryBound(to: CChar.self), count, Self.static)
                case .integer(let integer):
                    sqlite3_bind_int64(statement, index, integer)
                case .null:
                    sqlite3_bind_null(statement, index)
                }
            }
            return try body()
        }
    }

    private static var empty: UnsafeRawPointer { UnsafeRawPointer(("" as StaticString).utf8Start) }
    /// `SQLITE_STATIC`, which the C header spells as a cast that Swift does not import.
    private static let `static` = unsafeBitCast(0, to: sqlite3_destructor_type.self)
}

extension Statement {
    /// Runs the statement once with `values` as all of its parameters, through SQLite's C API.
    func execute(_ values: RowValues) throws {
        let handle = sqliteStatement
        let (code, reset) = values.withBound(to: handle) {
            let code = sqlite3_step(handle)
            // Resetting returns the step's error too; the message is the connection's.
            defer { sqlite3_clear_bindings(handle) }
            return (code, sqlite3_reset(handle))
        }
        guard code == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: reset == SQLITE_OK ? code : reset),
                message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))), sql: sql)
        }
    }
}
