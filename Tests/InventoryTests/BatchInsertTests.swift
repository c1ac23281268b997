import GRDB
@testable import Inventory
import Testing

@Suite("Binding rows through SQLite's C API")
struct BatchInsertTests {
    func database() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE item (number INTEGER PRIMARY KEY, name TEXT UNIQUE, size ANY, note TEXT) STRICT")
        }
        return queue
    }

    func row(_ number: Int, _ name: String, size: Int?, note: String?) -> RowValues {
        var values = RowValues()
        values.append(number)
        values.append(name)
        values.append(size)
        values.append(note)
        return values
    }

    @Test func rowsArriveInOrderWithTheirTextNumbersNullsAndEmptyText() throws {
        let queue = try database()
        let names = ["plain", "", "naïve ✓", "with \"quotes\", commas", "x", "y", "z", "a,b", "tail 1", "tail 2"]
        try queue.write { db in
            let insert = try BatchInsert(db, into: "item", columns: ["number", "name", "size", "note"], rowsPerStatement: 4)
            for (index, name) in names.enumerated() {
                try insert.append(row(index + 1, name, size: index.isMultiple(of: 3) ? nil : index * 10, note: index == 4 ? nil : "n\(index)"))
            }
            // Two full statements are in; the last two rows wait for the flush.
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM item") == 8)
            try insert.flush()
        }
        let stored = try queue.read { db in try Row.fetchAll(db, sql: "SELECT number, name, size, note, typeof(name) FROM item ORDER BY number") }
        #expect(stored.map { $0[1] as String } == names)
        #expect(stored.map { $0[2] as Int? } == names.indices.map { $0.isMultiple(of: 3) ? nil : $0 * 10 })
        #expect(stored.map { $0[3] as String? } == names.indices.map { $0 == 4 ? nil : "n\($0)" })
        // The empty name is empty text, not NULL.
        #expect(stored.allSatisfy { $0[4] as String == "text" })
    }

    @Test func aRefusedRowThrowsSQLitesErrorAndLeavesTheStatementUsable() throws {
        let queue = try database()
        try queue.write { db in
            let insert = try db.makeStatement(sql: "INSERT INTO item (number, name, size, note) VALUES (?, ?, ?, ?)")
            try insert.execute(row(1, "same", size: 1, note: nil))
            #expect {
                try insert.execute(row(2, "same", size: 2, note: nil))
            } throws: { error in
                let error = try #require(error as? DatabaseError)
                return error.resultCode == .SQLITE_CONSTRAINT && error.message?.contains("UNIQUE constraint failed: item.name") == true
            }
            try insert.execute(row(2, "other", size: 2, note: nil))
        }
        #expect(try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM item ORDER BY number") } == ["same", "other"])
    }
}
