import Glibc
import GRDB
import InventoryFiles

/// How far the audit trail reached when an export read the inventory.
public struct AuditPosition: Sendable, Equatable {
    /// The newest entry's sequence number (0 before the first change).
    public let sequence: Int
    /// The newest entry's hash: kept elsewhere, it proves later that history was not rewritten.
    public let head: String
}

/// A CSV export that went to a file: importing that file again checks it against changes saved since.
public struct ExportRecord: Sendable, Equatable {
    public let path: String
    public let auditSequence: Int
    public let exportedAt: String
    public let exportedBy: String
}

extension InventoryStore {
    /// Writes the assessment of every system the query matches, in `format`, ending with the policy
    /// version and audit head (where the format has room for them). The rows and the audit
    /// position come from one read, so the position is exactly the state the rows show. Rows are
    /// read on one thread, decoded, scored and formatted on a second, and written to `sink` on
    /// this one.
    @discardableResult
    public func export(_ query: InventoryQuery, format: ExportFormat, to sink: some ByteSink) throws -> AuditPosition {
        try WriteBehind.run(into: sink) { bytes in
            let output = format.writer(to: bytes)
            try output.begin()
            let position = try Pipeline.run(batchSize: 1, depth: 4) { emit in
                try self.writer.read { db in
                    // An export visits rows in id order, all over the file: mapped, the pages are read
                    // in place rather than copied by a system call each (13% of a million-row export).
                    // The mapped pages count as resident memory while the export runs, then are let go.
                    try db.execute(sql: "PRAGMA mmap_size = \(Self.exportMapSize)")
                    defer { try? db.execute(sql: "PRAGMA mmap_size = 0") }
                    let position = try Self.auditPosition(db)
                    try self.forEachStoredBatch(query, in: db, rowsPerBatch: 512) { try emit($0) }
                    return position
                }
            } consume: { batch in
                for row in 0..<batch.count {
                    try batch.withSystem(row, path: self.path) { system, freeText in
                        try output.write(AssessedSystem(system: system, policy: self.policy), freeText: freeText)
                    }
                }
            }
            try output.finish(trailer: [
                "policy_version": .text(self.policy.version), "audit_head": .text(position.head), "audit_sequence": .number(position.sequence),
            ])
            return position
        }
    }

    /// Exports to a file: a regular one is replaced atomically, so a reader never sees half an
    /// export and a failure leaves no debris; a device or FIFO is written as it is (see
    /// `OutputFile`). A CSV export to a regular file is recorded (see `recordExport`).
    @discardableResult
    public func export(
        _ query: InventoryQuery, format: ExportFormat, toFile path: String, unreadFIFO: OutputFile.UnreadFIFO = .wait
    ) throws -> AuditPosition {
        let file = try OutputFile(path: path, unreadFIFO: unreadFIFO)
        let position: AuditPosition
        do {
            position = try export(query, format: format, to: file)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
        // Only a regular file can be imported again: /dev/null or a FIFO holds nothing to check.
        if format == .csv, file.isRegularFile, readOnlyReason == nil { try recordExport(to: path, at: position) }
        return position
    }

    /// Remembers that the CSV file at `path` holds the inventory as of `position`, replacing any
    /// earlier record for that file.
    public func recordExport(to path: String, at position: AuditPosition) throws(InventoryError) {
        try requireWritable()
        let stamp = clock()
        try withDatabaseErrors {
            try writer.write { db in try Self.recordExport(db, to: path, at: position, time: stamp, user: user) }
        }
    }

    static func recordExport(_ db: Database, to path: String, at position: AuditPosition, time: String, user: String) throws {
        try db.execute(
            sql: """
                INSERT INTO export_record (path, audit_sequence, exported_at, exported_by) VALUES (?, ?, ?, ?)
                ON CONFLICT (path) DO UPDATE SET audit_sequence = excluded.audit_sequence,
                    exported_at = excluded.exported_at, exported_by = excluded.exported_by
                """,
            arguments: [canonicalPath(path), position.sequence, time, user])
    }

    /// The last recorded export to the file at `path`, if any.
    public func exportRecord(forFile path: String) throws(InventoryError) -> ExportRecord? {
        try withDatabaseErrors {
            try writer.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT path, audit_sequence, exported_at, exported_by FROM export_record WHERE path = ?",
                    arguments: [Self.canonicalPath(path)]
                ).map { ExportRecord(path: $0[0], auditSequence: $0[1], exportedAt: $0[2], exportedBy: $0[3]) }
            }
        }
    }

    /// SQLite caps this at its compiled-in maximum (2 GiB in most builds).
    private static let exportMapSize: Int64 = 1 << 40

    static func auditPosition(_ db: Database) throws -> AuditPosition {
        let newest = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit ORDER BY sequence DESC LIMIT 1")
        return newest.map { AuditPosition(sequence: $0[0], head: $0[1]) } ?? AuditPosition(sequence: 0, head: AuditTrail.genesisHash)
    }

    /// The same file reached by another relative path or link gets the same record.
    private static func canonicalPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
