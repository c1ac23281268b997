import Dispatch
import GRDB
import GRDBSQLite
import RiskModel
import Synchronization

extension InventoryStore {
    /// Runs `body` with the quickest way to test rows against `matches`. Where they are many,
    /// walking the order's own index and testing each row finds a page within a few hundred rows;
    /// where they are few, reading just those rows by number is what is quick.
    func testing<T>(_ matches: TextMatches, _ body: (TextSearch.MatchTest) throws(InventoryError) -> T) throws(InventoryError) -> T {
        guard matches.numbers.count >= TextSearch.manyMatches else { return try body(.listed(matches.numbers)) }
        return try textMatchRegistry.lending(matches) { token throws(InventoryError) in try body(.lent(token: token)) }
    }

    /// The active systems the query's text matches, found once per text and change to the
    /// inventory (see `TextSearch.matchSet`); nil without text, and in the archive, whose short
    /// lists test each row as they go.
    func textMatches(_ query: InventoryQuery) throws(InventoryError) -> TextMatches? {
        guard !query.archived, let matchSet = TextSearch.matchSet(for: String(query.text.trimmingSpaces)) else { return nil }
        return try withDatabaseErrors {
            let stamp = try writer.read { db in try TextMatches.Stamp(db) }
            return try textMatchRegistry.matches(key: matchSet.key, stamp: stamp) { try readEveryRow(for: matchSet) }
        }
    }

    /// Reading every row of a million systems took 0.72-0.76 s on one core, so the table is cut
    /// into ranges of row numbers read side by side, each on a connection of its own: 0.35-0.38 s
    /// on two (0.30 s with the later steps in `read` and `TextContains`, 0.25 s in 16 KiB pages).
    /// Each read sees the inventory as it was when it began: where an officer's change landed
    /// between them, they are read again. The first and last ranges stay open at their ends, so
    /// that a system added after the bounds were read is not left out.
    private func readEveryRow(for matchSet: TextSearch.MatchSet) throws -> TextMatches {
        let (first, last) = try writer.read { db in
            // Two subqueries: SQLite reads just an end of the table for a lone min() or max(),
            // but every row for both in one (0.1 s at a million systems).
            let row = try Row.fetchOne(db, sql: "SELECT (SELECT min(number) FROM system), (SELECT max(number) FROM system)")!
            return (row[0] as Int64? ?? 0, row[1] as Int64? ?? 0)
        }
        var cut = Self.cut(first...last, into: Self.scanningCores)
        cut[0] = Int64.min...cut[0].upperBound
        cut[cut.count - 1] = cut[cut.count - 1].lowerBound...Int64.max
        let ranges = cut
        for _ in 0..<3 {
            let found = Mutex([Result<TextMatches, any Error>?](repeating: nil, count: ranges.count))
            DispatchQueue.concurrentPerform(iterations: ranges.count) { part in
                let result = Result { try writer.read { db in try Self.read(matchSet, in: ranges[part], db) } }
                found.withLock { $0[part] = result }
            }
            let parts = try found.withLock { $0 }.map { try $0!.get() }
            if Set(parts.map(\.stamp)).count == 1 { return Self.joined(parts) }
        }
        return try writer.read { db in try Self.read(matchSet, in: Int64.min...Int64.max, db) }
    }

    private static let scanningCores = 2

    /// `range` cut into `count` ranges of nearly equal length, in order.
    static func cut(_ range: ClosedRange<Int64>, into count: Int) -> [ClosedRange<Int64>] {
        let length = range.upperBound - range.lowerBound + 1
        let step = max(1, (length + Int64(count) - 1) / Int64(count))
        return stride(from: range.lowerBound, through: range.upperBound, by: Int(step)).map { start in
            start...min(range.upperBound, start + step - 1)
        }
    }

    private static func read(_ matchSet: TextSearch.MatchSet, in range: ClosedRange<Int64>, _ db: Database) throws -> TextMatches {
        // Each page is read once, so a 1 MiB cache serves as well as the connection's 16 MiB, and
        // recycling its slots is quicker than filling new ones. Two scanning connections then no
        // longer each hold 16 MiB of table pages: the dashboard benchmark's peak memory 85 -> 70 MB,
        // and /ne + Enter at a million systems 375-384 -> 324-335 ms.
        let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size")!
        try db.execute(sql: "PRAGMA cache_size = -1024")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
        var numbers: [Int64] = []
        var ranks = [0, 0, 0, 0]
        let statement = try db.makeStatement(sql: matchSet.sql)
        try statement.setArguments(matchSet.arguments + [range.lowerBound, range.upperBound])
        // Stepped through SQLite's C API: for half a million matches a GRDB cursor's own work
        // showed (/ne + Enter at a million systems, medians of five: 331 -> 309 ms).
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        var code = sqlite3_step(handle)
        while code == SQLITE_ROW {
            numbers.append(sqlite3_column_int64(handle, 0))
            let rank = Int(sqlite3_column_int64(handle, 1))
            if ranks.indices.contains(rank) { ranks[rank] += 1 }
            code = sqlite3_step(handle)
        }
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: matchSet.sql)
        }
        var tierCounts: [Tier: Int] = [:]
        for (rank, count) in ranks.enumerated() where count > 0 { tierCounts[Tier(rawValue: rank)!] = count }
        return TextMatches(key: matchSet.key, stamp: try TextMatches.Stamp(db), numbers: numbers, tierCounts: tierCounts)
    }

    /// Parts read from consecutive ranges, as one.
    private static func joined(_ parts: [TextMatches]) -> TextMatches {
        TextMatches(
            key: parts[0].key, stamp: parts[0].stamp, numbers: parts.flatMap(\.numbers),
            tierCounts: parts.reduce(into: [:]) { total, part in total.merge(part.tierCounts, uniquingKeysWith: +) })
    }
}
