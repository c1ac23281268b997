import GRDB

/// What `radrisk doctor`-style checks and the tests need to see of the database itself.
public struct StoreDiagnostics: Sendable {
    public let journalMode: String
    /// The writing connection's: readers' settings never matter, since they commit nothing.
    public let synchronous: Int
    /// Bytes of WAL the writing connection keeps once a checkpoint has emptied it.
    public let walSizeLimit: Int
    /// Fixed when the file was made (see `InventoryStore.pageSize`).
    public let pageSize: Int
    public let migrations: [String]
    /// The SQL of every index and trigger, sorted: what a bulk import drops must come back.
    public let indexesAndTriggers: [String]
}

extension InventoryStore {
    public func diagnostics() throws(InventoryError) -> StoreDiagnostics {
        try withDatabaseErrors {
            try writer.writeWithoutTransaction { db in
                StoreDiagnostics(
                    journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                    synchronous: try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1,
                    walSizeLimit: try Int.fetchOne(db, sql: "PRAGMA journal_size_limit") ?? -1,
                    pageSize: try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0,
                    migrations: try Schema.migrator.appliedMigrations(db),
                    indexesAndTriggers: try String.fetchAll(
                        db, sql: "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY sql"))
            }
        }
    }
}

extension InventoryStore {
    /// SQLite's `data_version` on the writer connection: it changes whenever another connection
    /// (another officer's dashboard, a CLI import) commits, so open screens know to refresh.
    public func externalChangeCounter() throws(InventoryError) -> Int {
        try withDatabaseErrors {
            try writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
        }
    }
}
