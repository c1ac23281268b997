import GRDB
import InventoryFiles
import RiskModel

extension InventoryStore {
    /// The system with this id, with its bookkeeping.
    public func system(id: SystemID) throws(InventoryError) -> StoredSystem? {
        try withDatabaseErrors {
            try writer.read { db in try fetchStored(db, id: id) }
        }
    }

    /// Adds a new system; its id must be free.
    @discardableResult
    public func add(_ system: ImagingSystem) throws(InventoryError) -> StoredSystem {
        try requireWritable()
        try Self.validate(system)
        return try withDatabaseErrors {
            try writer.write { db in
                if let existing = try fetchStored(db, id: system.id) {
                    throw existing.archivedAt == nil ? InventoryError.duplicateID(id: system.id.rawValue) : InventoryError.archived(id: system.id.rawValue)
                }
                let stamp = clock()
                let audit = try auditWriter(db, time: stamp)
                try AuditTrail.changes(.create, from: nil, to: system, policy: policy).forEach(audit.append)
                try audit.finish()
                var values = SystemColumns.values(of: system, assessment: policy.assess(system.profile))
                values.append(contentsOf: Self.stampValues(time: stamp, user: user))
                try db.cachedStatement(sql: Self.insertSQL).execute(values)
                return try fetchStored(db, id: system.id)!
            }
        }
    }

    /// Saves changes to an existing system in one transaction. With `expectedVersion`, the save
    /// happens only if nobody has saved the system since that version was read.
    @discardableResult
    public func save(_ system: ImagingSystem, expectedVersion: Int?) throws(InventoryError) -> StoredSystem {
        try requireWritable()
        try Self.validate(system)
        return try withDatabaseErrors {
            try writer.write { db in
                guard let current = try fetchStored(db, id: system.id) else { throw InventoryError.notFound(id: system.id.rawValue) }
                if current.archivedAt != nil { throw InventoryError.archived(id: system.id.rawValue) }
                if let expectedVersion, current.version != expectedVersion {
                    throw InventoryError.conflict(
                        id: system.id.rawValue, expected: expectedVersion, found: current.version,
                        by: current.updatedBy, at: current.updatedAt)
                }
                guard !FieldCodec.columns(differingBetween: current.system, and: system).isEmpty else { return current }
                let stamp = clock()
                let audit = try auditWriter(db, time: stamp)
                try AuditTrail.changes(.update, from: current.system, to: system, policy: policy).forEach(audit.append)
                try audit.finish()
                var values = SystemColumns.values(of: system, assessment: policy.assess(system.profile))
                values.append(stamp)
                values.append(user)
                try db.cachedStatement(sql: Self.updateSQL).execute(values)
                return try fetchStored(db, id: system.id)!
            }
        }
    }

    /// Deletes a system from the inventory by archiving it: hidden from lists and exports, kept
    /// with its history, and brought back by `restore`.
    public func delete(id: SystemID) throws(InventoryError) {
        try setArchived(id: id, archived: true)
    }

    /// Brings an archived system back into the inventory.
    public func restore(id: SystemID) throws(InventoryError) {
        try setArchived(id: id, archived: false)
    }

    private func setArchived(id: SystemID, archived: Bool) throws(InventoryError) {
        try requireWritable()
        try withDatabaseErrors {
            try writer.write { db in
                guard let current = try fetchStored(db, id: id) else { throw InventoryError.notFound(id: id.rawValue) }
                switch (current.archivedAt, archived) {
                case (nil, false): throw InventoryError.notArchived(id: id.rawValue)
                case (.some, true): throw InventoryError.notFound(id: id.rawValue)
                default: break
                }
                let stamp = clock()
                let audit = try auditWriter(db, time: stamp)
                let changes = archived
                    ? AuditTrail.changes(.delete, from: current.system, to: nil, policy: policy)
                    : AuditTrail.changes(.restore, from: nil, to: current.system, policy: policy)
                try changes.forEach(audit.append)
                try audit.finish()
                try db.execute(
                    sql: "UPDATE system SET archived_at = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?",
                    arguments: [archived ? stamp : nil, stamp, user, id.rawValue])
            }
        }
    }

    /// Nothing reaches the database that an import would refuse.
    private static func validate(_ system: ImagingSystem) throws(InventoryError) {
        let problems = FieldCodec.problems(in: system)
        if !problems.isEmpty { throw .invalidSystem(id: system.id.rawValue, problems: problems.map(\.description)) }
    }

    func fetchStored(_ db: Database, id: SystemID) throws -> StoredSystem? {
        // Prepared once per connection and read in place: an import into a non-empty inventory
        // looks up every row, and preparing the statement each time (GRDB checks every column it
        // reads), then copying the row, was most of that import's time.
        let statement = try db.cachedStatement(sql: Self.storedSystemSQL)
        // The cursor stays alive while the row is read: ending it resets the statement.
        let rows = try Row.fetchCursor(statement, arguments: [id.rawValue])
        guard let row = try rows.next() else { return nil }
        let count = SystemColumns.contract.count
        return try withExtendedLifetime(rows) {
            StoredSystem(
                system: try SystemColumns.system(atCurrentRowOf: statement, path: path), version: row[count],
                createdAt: row[count + 1], updatedAt: row[count + 2], updatedBy: row[count + 3], archivedAt: row[count + 4])
        }
    }

    /// Saves a system's fields, bound as for `insertSQL` but for the creation time: the id,
    /// which names the row, is the first parameter.
    private static let updateSQL: String = {
        let columns = SystemColumns.contract + SystemColumns.derived + ["updated_at", "updated_by"]
        let assignments = columns.enumerated().dropFirst().map { "\($1) = ?\($0 + 1)" }
        return "UPDATE system SET \(assignments.joined(separator: ", ")), version = version + 1 WHERE id = ?1"
    }()

    private static let storedSystemSQL =
        "SELECT \(SystemColumns.contract.joined(separator: ", ")), version, created_at, updated_at, updated_by, archived_at FROM system WHERE id = ?"
}
