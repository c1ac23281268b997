import GRDB
import Glibc
import InventoryFiles
import RiskModel

/// What an import did, or would do with `--dry-run`.
public struct ImportSummary: Sendable {
    public var added = 0
    public var changed = 0
    public var unchanged = 0
    /// Rows left as saved: the file holds them as exported, and someone changed them since.
    public var keptSaved = 0
    public var issues = CSVIssueLog()
    /// False when nothing was written: the file had errors, or it was a dry run.
    public var committed = false
}

/// How far an import has got, for a progress line: a million-row load takes a minute or two.
public enum ImportProgress: Sendable, Equatable {
    /// Before the rows: rescoring the inventory's `systems`, scored under the policy `scoredWith`
    /// (nil: one whose text was not kept), under the store's (see `InventoryStore.Rescoring`).
    case rescoring(systems: Int, scoredWith: String?)
    /// Reading, checking and storing rows; `bytesRead` of the file so far.
    case reading(bytesRead: Int)
    /// After an import that set the indexes aside (into an empty inventory, or of many rows):
    /// building them again.
    case buildingIndexes
    /// Every row is in; writing the transaction to disk.
    case committing
}

extension InventoryStore {
    /// Imports an inventory CSV in one transaction: every row is inserted or updated, or, if any
    /// row is invalid (or `dryRun`), nothing at all. The file is read once, streaming, so it may
    /// be standard input and may hold a million rows.
    ///
    /// With `exportedAt` (the audit sequence the file was exported at), a row that would change a
    /// system someone else changed after the export is a conflict, refused like an invalid row
    /// unless `force`; a row the file still holds as exported leaves the newer saved system alone,
    /// forced or not.
    ///
    /// `recordedFile`, the path of the regular file read, is then recorded as an export is: the
    /// file holds the inventory as of this import, so editing it again and importing it again
    /// finds conflicts with changes saved after this import, not with this import itself. Not
    /// when a row was kept as saved: the file is older than the inventory there, and importing it
    /// again as of now would undo the newer change.
    ///
    /// `progress` is called as the import goes, from the thread that reads the file while rows are
    /// read and from the caller's afterwards.
    public func importCSV(
        _ source: some ByteSource & Sendable, file: String, today: CalendarDate, dryRun: Bool = false, exportedAt: Int? = nil,
        force: Bool = false, recordedFile: String? = nil, progress: @escaping @Sendable (ImportProgress) -> Void = { _ in }
    ) throws -> ImportSummary {
        try requireWritable()
        var summary = ImportSummary()
        try withDatabaseErrors {
            try writer.writeWithoutTransaction { db in
                // Each multi-row INSERT keeps a statement journal, and SQLite decides when the
                // transaction begins whether it lives in memory or in a temporary file, which
                // every statement wrote and read back (4,600 pages for 10,000 rows). So memory at
                // BEGIN, then files again, before the index builds, whose sorter in memory was
                // slower (+0.3 s at 200,000 rows). 200,000 rows: 9.4 -> 9.0 s, system time halved.
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
                defer { try? db.execute(sql: "PRAGMA temp_store = DEFAULT") }
                try db.inTransaction(.immediate) {
                    try db.execute(sql: "PRAGMA temp_store = DEFAULT")
                    // An entry past the newest would find no change since it, and so no conflict:
                    // a mistyped --base must not turn the check off. Checked before a rescore adds one.
                    if let exportedAt {
                        let newest = try Self.auditPosition(db).sequence
                        guard (0...newest).contains(exportedAt) else {
                            throw InventoryError.unknownAuditEntry(sequence: exportedAt, newest: newest)
                        }
                    }
                    if rescoresInEachImport {
                        try rescore(db, from: ScoredWith(db, path: path)) { progress(.rescoring(systems: $0, scoredWith: $1)) }
                    }
                    let existing = try Int.fetchOne(db, sql: "SELECT count(*) FROM system") ?? 0
                    let everyRowIsNew = existing == 0
                    var setAside = Self.setsIndexesAside(existing: existing, fileSize: source.size)
                        ? try Self.setIndexesAside(db) : nil
                    let load = everyRowIsNew ? try BatchInsert(db, into: "system", columns: Self.insertColumns) : nil
                    let upsert = try db.makeStatement(sql: Self.upsertSQL)
                    let stamp = clock()
                    let audit = try auditWriter(db, time: stamp)
                    let sinceExport = try exportedAt.map { try ChangesSinceExport(db, after: $0) }
                    var conflicts: [CSVIssue] = []
                    var writing = true
                    let stamped = Self.stampValues(time: stamp, user: user)
                    let author = everyRowIsNew ? audit.author : nil
                    let reported = ProgressReportingByteSource(source) { progress(.reading(bytesRead: $0)) }
                    var rowsTaken = 0
                    summary.issues = try Pipeline.run { emit in
                        try Self.readForImport(reported, file: file, today: today, policy: self.policy, author: author, stamped: stamped, emit)
                    } consume: { row in
                        // After the first bad row nothing will be kept: only go on validating.
                        guard case .valid(let system, let place, let values, let creation) = row else {
                            writing = false
                            return
                        }
                        rowsTaken += 1
                        guard writing || sinceExport != nil else { return }
                        let stored = everyRowIsNew ? nil : try fetchStored(db, id: system.id)
                        let previous = stored?.system
                        switch sinceExport?.verdict(file: system, saved: previous) ?? .apply {
                        case .apply: break
                        case .keepSaved(let changes):
                            summary.keptSaved += 1
                            conflicts.append(CSVIssue(.warning, file: file, line: place.line, message: Self.keptSavedMessage(system.id, changes)))
                            return
                        case .conflict where force: break
                        case .conflict(let changes):
                            conflicts.append(CSVIssue(.error, file: file, line: place.line, message: Self.conflictMessage(system.id, changes)))
                            writing = false
                            return
                        }
                        // An archived system is changed only once restored, as `edit` has it: an
                        // import would otherwise change it out of sight, and report it changed.
                        if let stored, let archivedAt = stored.archivedAt,
                           !FieldCodec.columns(differingBetween: stored.system, and: system).isEmpty {
                            conflicts.append(CSVIssue(.error, file: file, line: place.line, message: Self.archivedMessage(system.id, archivedAt)))
                            writing = false
                            return
                        }
                        guard writing else { return }
                        if setAside == nil, rowsTaken.isMultiple(of: Self.rowsBetweenRebuildChecks),
                           Self.rebuildingPaysOff(
                               existing: existing, written: summary.added + summary.changed, taken: rowsTaken,
                               bytesTaken: place.endOffset, fileSize: source.size) {
                            setAside = try Self.setIndexesAside(db)
                        }
                        if let load, let creation {
                            try load.append(values)
                            summary.added += 1
                            try creation.forEach(audit.append)
                            return
                        }
                        try upsert.execute(values)
                        guard db.changesCount > 0 else {
                            summary.unchanged += 1
                            return
                        }
                        if previous == nil { summary.added += 1 } else { summary.changed += 1 }
                        try AuditTrail.changes(.import, from: previous, to: system, policy: policy).forEach(audit.append)
                    }
                    for issue in conflicts {
                        if issue.severity == .error { summary.issues.record(invalidRecord: [issue]) } else { summary.issues.record(issue) }
                    }
                    summary.committed = !dryRun && !summary.issues.hasErrors
                    guard summary.committed else { return .rollback }
                    try load?.flush()
                    try audit.finish()
                    if let recordedFile, summary.keptSaved == 0 {
                        try Self.recordExport(db, to: recordedFile, at: Self.auditPosition(db), time: stamp, user: user)
                    }
                    if let setAside { try Self.rebuildIndexes(db, setAside, progress: progress) }
                    progress(.committing)
                    return .commit
                }
            }
            // Filled in rollback-journal mode (see `InventoryStore.init`): from now on it is shared.
            if loadsNewInventory {
                try writer.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA locking_mode = NORMAL")
                    try db.execute(sql: "PRAGMA journal_mode = WAL")
                }
            }
        }
        return summary
    }

    /// Closes and deletes the inventory this store created for its first load, when that load
    /// wrote nothing (the file had errors, or the import failed): left behind, an empty inventory
    /// at a mistyped path would be taken for a real one by the next command.
    public func removeUnfilledInventory() throws(InventoryError) {
        guard loadsNewInventory else { return }
        try withDatabaseErrors {
            guard try writer.read({ db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM audit)") }) == false else { return }
            try writer.close()
            for file in [path, path + "-journal", path + "-wal", path + "-shm"] { unlink(file) }
        }
    }

    /// A row of the file as the import's writing stage takes it.
    private enum ImportRow: Sendable {
        /// With the values of `insertSQL` (or `upsertSQL`), and its audit lines when it can
        /// only be new (a load into an empty inventory).
        case valid(ImagingSystem, place: RecordPlace, values: RowValues, creation: [AuditTrail.Line]?)
        case invalid
    }

    /// The import's reading stage, on its own core: reads, checks and scores each row and lays
    /// out its columns' values (`stamped` last), and with the `author` of a load into an empty inventory
    /// prepares its audit lines too, so that the writing stage only writes.
    private static func readForImport(
        _ source: some ByteSource, file: String, today: CalendarDate, policy: Policy, author: AuditTrail.Author?,
        stamped: RowValues, _ emit: (ImportRow) throws -> Void
    ) throws -> CSVIssueLog {
        try InventoryReading.read(source, file: file, today: today) { system, place in
            let creation = author.map { author in AuditTrail.changes(.import, from: nil, to: system, policy: policy).map(author.line) }
            var values = SystemColumns.values(of: system, assessment: policy.assess(system.profile))
            values.append(contentsOf: stamped)
            try emit(.valid(system, place: place, values: values, creation: creation))
        } onInvalidRecord: {
            try? emit(.invalid)
        }
    }

    /// `created_at`, `updated_at` and `updated_by`, the last values of `insertSQL`.
    static func stampValues(time: String, user: String) -> RowValues {
        var values = RowValues()
        values.append(time)
        values.append(time)
        values.append(user)
        return values
    }

    /// Whether to set the indexes aside for this import: always into an empty inventory, and when
    /// the file holds more than a kilobyte per system already there (several times as many rows
    /// as the inventory has), where rebuilding them all once beats updating them row by row (200,000
    /// systems into an inventory of 48: 57 -> 18 s). A re-import of a file about the inventory's
    /// size mostly finds unchanged rows, which touch no index: it keeps them.
    private static func setsIndexesAside(existing: Int, fileSize: Int?) -> Bool {
        existing == 0 || (fileSize ?? 0) > existing * 1_024
    }

    /// Whether an import that kept the indexes would now do better to set them aside: when the
    /// rows it can still be expected to add or change are more than an eighth of the rows a
    /// rebuild would sort. Measured on inventories in WAL mode, a row written with the indexes in
    /// place cost 448 µs at 200,000 systems (the whole import over its rows) and 870 at a million
    /// (the rows' phase over its rows); without them 38 and 48 µs; the rebuild's phases 38 and 41 µs
    /// per system. The break-even is then about a tenth at 200,000 and a nineteenth at a million:
    /// an eighth errs towards keeping the indexes. The rows to come are estimated from the share
    /// of rows written so far and the bytes left in the file. A pipe's size is unknown: there the
    /// rows already written stand in for those to come, so that what an unlucky guess costs is at
    /// most about what it saves (the rent-or-buy rule).
    static func rebuildingPaysOff(existing: Int, written: Int, taken: Int, bytesTaken: Int, fileSize: Int?) -> Bool {
        guard let fileSize else { return written * 8 > existing + written }
        guard taken > 0, bytesTaken > 0 else { return false }
        let expectedRows = Double(taken) * Double(fileSize) / Double(bytesTaken)
        let writesToCome = max(0, expectedRows - Double(taken)) * Double(written) / Double(taken)
        return writesToCome * 8 > Double(existing + written)
    }

    /// How often an import that kept its indexes asks `rebuildingPaysOff`.
    static let rowsBetweenRebuildChecks = 1_024

    /// Sets aside every index on the systems and the audit trail.
    private static func setIndexesAside(_ db: Database) throws -> IndexesSetAside {
        try IndexesSetAside(db, on: ["system", "audit"])
    }

    private static func rebuildIndexes(_ db: Database, _ setAside: IndexesSetAside, progress: @Sendable (ImportProgress) -> Void) throws {
        progress(.buildingIndexes)
        try setAside.rebuild(db)
    }

    static func conflictMessage(_ id: SystemID, _ changes: ChangesSinceExport.SystemChanges) -> String {
        let what = changes.changedWhole ? "" : " (\(changes.exportedValues.keys.sorted().joined(separator: ", ")))"
        return "conflict: '\(id.rawValue)' was changed\(what) by \(changes.lastUser) at \(changes.lastTime) (audit entry "
            + "\(changes.lastSequence)) after this file was exported, and this row changes it too; merge that change "
            + "into the file (`radrisk audit --system \(id.rawValue)` shows it) or import with --force to overwrite it"
    }

    static func archivedMessage(_ id: SystemID, _ archivedAt: String) -> String {
        "'\(id.rawValue)' was deleted at \(archivedAt) and is archived, and this row changes it; `radrisk restore "
            + "\(id.rawValue)` brings it back to be changed, or leave the row out"
    }

    static func keptSavedMessage(_ id: SystemID, _ changes: ChangesSinceExport.SystemChanges) -> String {
        "'\(id.rawValue)' was changed by \(changes.lastUser) at \(changes.lastTime) after this file was exported; "
            + "the file still holds the exported row, so the newer saved version is kept"
    }

    /// The columns of a new system: `SystemColumns.values`, then `stampValues`.
    static let insertColumns = SystemColumns.contract + SystemColumns.derived + ["created_at", "updated_at", "updated_by"]

    /// Inserts a new system.
    static let insertSQL =
        "INSERT INTO system (\(insertColumns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: insertColumns.count).joined(separator: ", ")))"

    /// Inserts a new system or updates an existing one whose contract fields differ, bumping its
    /// version; an unchanged row is left alone (no change is counted). Not `RETURNING`: SQLite
    /// buffers returned rows in a temporary table, and setting up and freeing one per row made
    /// re-importing an unchanged file 2.5 times as slow.
    static let upsertSQL: String = {
        let assignments = (SystemColumns.contract + SystemColumns.derived + ["updated_at", "updated_by"]).map { "\($0) = excluded.\($0)" }
        let changed = SystemColumns.contract.dropFirst()
        return """
            \(insertSQL)
            ON CONFLICT (id) DO UPDATE SET \(assignments.joined(separator: ", ")), version = version + 1
            WHERE (\(changed.joined(separator: ", "))) IS NOT (\(changed.map { "excluded.\($0)" }.joined(separator: ", ")))
            """
    }()
}
