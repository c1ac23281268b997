import GRDB

/// What `radrisk doctor`-style checks and the tests need to see of the database itself.
public struct StoreDiagnostics: Sendable {
    public let journalMode: String
    public let synchronous: Int
    public let migrations: [String]
}

extension InventoryStore {
    public func diagnostics() throws(InventoryError) -> StoreDiagnostics {
        try withDatabaseErrors {
            try writer.read { db in
                StoreDiagnostics(
                    journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                    synchronous: try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1,
                    migrations: try Schema.migrator.appliedMigrations(db))
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
