import GRDB

/// Indexes dropped while many rows change and built again once, by sorting, at the end: faster
/// than keeping them up to date row by row in random key order. Everything happens inside the
/// caller's transaction, so a rollback puts the indexes back as they were.
struct IndexesSetAside {
    private let definitions: [String]

    /// Drops the indexes on `tables` that were created with their own SQL (UNIQUE constraints
    /// stay: they are part of their table, and upserts need them); with `columns`, only those
    /// that hold one of them.
    init(_ db: Database, on tables: [String], holding columns: Set<String>? = nil) throws {
        let placeholders = Array(repeating: "?", count: tables.count).joined(separator: ", ")
        let indexes = try Row.fetchAll(
            db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN (\(placeholders)) AND sql IS NOT NULL",
            arguments: StatementArguments(tables))
        var definitions: [String] = []
        for index in indexes {
            let name: String = index["name"]
            if let columns {
                let held = try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info(?)", arguments: [name])
                guard held.contains(where: columns.contains) else { continue }
            }
            try db.execute(sql: "DROP INDEX \(name)")
            definitions.append(index["sql"])
        }
        self.definitions = definitions
    }

    func rebuild(_ db: Database) throws {
        for sql in definitions { try db.execute(sql: sql) }
    }
}
