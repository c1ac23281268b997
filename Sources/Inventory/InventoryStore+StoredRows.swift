import Dispatch
import GRDB
import InventoryFiles
import RiskModel
import Synchronization

extension InventoryStore {
    /// `verifyAudit` and `verifyStoredRows` side by side, each on a reader connection of its own:
    /// at a million systems 12 s, against 19.5 s one after the other.
    public func verifyAuditAndStoredRows() throws(InventoryError) -> (audit: AuditVerification, storedRows: String?) {
        let audit = Mutex<Result<AuditVerification, InventoryError>?>(nil)
        let storedRows = Mutex<Result<String?, InventoryError>?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                let result = Result { () throws(InventoryError) in try verifyAudit() }
                audit.withLock { $0 = result }
            } else {
                let result = Result { () throws(InventoryError) in try verifyStoredRows() }
                storedRows.withLock { $0 = result }
            }
        }
        // A broken chain is told first, whatever the rows' check found or failed on.
        let verification = try audit.withLock { $0! }.get()
        guard verification.problem == nil else { return (verification, nil) }
        return (verification, try storedRows.withLock { $0! }.get())
    }

    /// Checks every stored row against what radrisk would have put there; the audit chain vouches
    /// for the trail, not for the system table. Nil when all agree; otherwise what disagrees:
    ///
    /// - the stored score against the one its fields give under the inventory's policy (the list
    ///   sorts, filters and exports by it): a changed score, or a changed field that moves it;
    /// - each field, and whether the system is deleted, against what its audit entries last
    ///   recorded: a change that leaves the score alone (a name, an owner, the notes), a row no
    ///   entry recorded, and a system whose row is gone.
    public func verifyStoredRows() throws(InventoryError) -> String? {
        try withDatabaseErrors {
            try writer.read { db in
                var scores = Disagreements()
                var fields = Disagreements()
                // In the table's order, each system's entries looked up by `audit_by_system`: after a
                // load both are in file order, so the reads run on rather than jump about (a million
                // systems walked in id order instead: 25 s more).
                let rows = try db.makeStatement(sql: """
                    SELECT \(SystemColumns.contract.joined(separator: ", ")), risk_score_tenths, risk_tier, policy_version,
                        archived_at, version, created_at, updated_at, updated_by, tier_rank
                    FROM system ORDER BY number
                    """)
                let entries = try db.makeStatement(sql: """
                    SELECT sequence, time, user, action, field, old_value, new_value, score_before, score_after
                    FROM audit WHERE system_id = ? ORDER BY sequence
                    """)
                let cursor = try Row.fetchCursor(rows)
                let count = SystemColumns.contract.count
                while let row = try cursor.next() {
                    let system: ImagingSystem
                    do throws(InventoryError) {
                        system = try SystemColumns.system(atCurrentRowOf: rows, path: path)
                    } catch {
                        // Only a change outside radrisk stores what it would refuse.
                        if case .database(_, let reason) = error { fields.add(reason) } else { fields.add("\(error)") }
                        continue
                    }
                    let assessment = policy.assess(system.profile)
                    let storedTenths: Int = row[count]
                    let storedTier: String = row[count + 1]
                    let storedPolicy: String = row[count + 2]
                    // The tier's rank too: the list's tier column, counts and filters read it.
                    let storedRank: Int = row[count + 8]
                    if storedTenths != assessment.scoreTenths || storedTier != assessment.tier.token {
                        scores.add("'\(system.id.rawValue)' is stored at \(formatTenths(storedTenths)) \(storedTier), its fields give "
                            + "\(formatTenths(assessment.scoreTenths)) \(assessment.tier.token)")
                    } else if storedRank != assessment.tier.rawValue {
                        scores.add("'\(system.id.rawValue)' is stored at tier rank \(storedRank), where \(storedTier) is rank \(assessment.tier.rawValue)")
                    } else if storedPolicy != policy.version {
                        scores.add("'\(system.id.rawValue)' is stored as scored under policy \(Printable.quoted(storedPolicy))")
                    }
                    var replayed = ReplayedSystem(id: system.id.rawValue)
                    let recorded = try Row.fetchCursor(entries, arguments: [system.id.rawValue])
                    while let entry = try recorded.next() {
                        replayed.apply(RecordedEntry(entry))
                    }
                    let stamps = StoredStamps(
                        archivedAt: row[count + 3], version: row[count + 4], createdAt: row[count + 5], updatedAt: row[count + 6],
                        updatedBy: row[count + 7])
                    if let problem = replayed.discontinuity ?? replayed.disagreement(with: system, stamps: stamps) {
                        fields.add(problem)
                    }
                }
                let gone = "FROM audit WHERE system_id NOT IN (SELECT id FROM system) AND system_id != '\(AuditEntry.inventoryWide)'"
                if let id = try String.fetchOne(db, sql: "SELECT system_id \(gone) ORDER BY system_id LIMIT 1") {
                    fields.add("\(Printable.quoted(id)) is in the audit trail, not in the inventory",
                               count: try Int.fetchOne(db, sql: "SELECT count(DISTINCT system_id) \(gone)") ?? 1)
                }
                // The policy the trail last recorded a rescore under must be the one the inventory
                // holds: scores, tiers and rows would all agree with one put there by hand.
                if let recorded = try Row.fetchOne(db, sql: """
                    SELECT sequence, new_value FROM audit WHERE system_id = ? AND field = ? ORDER BY sequence DESC LIMIT 1
                    """, arguments: [AuditEntry.inventoryWide, AuditEntry.policyField]),
                   !same(recorded[1], try ScoredWith.Record(db).text) {
                    let sequence: Int = recorded[0]
                    return "the inventory's policy is not the one audit entry \(sequence), its last rescore, recorded"
                }
                if let first = scores.first {
                    let one = scores.count == 1
                    return "\(scores.count) stored \(one ? "score is" : "scores are") not what \(one ? "its system's" : "their systems'") fields "
                        + "give under policy \(policy.version) (\(first))"
                }
                guard let first = fields.first else { return nil }
                let one = fields.count == 1
                return "\(fields.count) \(one ? "system is" : "systems are") not as the audit trail last recorded \(one ? "it" : "them") (\(first))"
            }
        }
    }
}

/// How many rows disagree, and how the first does.
private struct Disagreements {
    private(set) var count = 0
    private(set) var first: String?

    mutating func add(_ problem: @autoclosure () -> String, count added: Int = 1) {
        count += added
        if first == nil { first = problem() }
    }
}

/// A system as its audit entries leave it, replayed in order: a whole record (created, imported
/// new, restored, deleted) sets every field, a field's entry sets that field. Each entry must also
/// start where the entries before it left the system: a field's old value, a deletion's or a
/// restoration's record. Otherwise a change made by hand could be laundered by a later save,
/// whose entry would record the hand-made value as the one it replaced.
private struct ReplayedSystem {
    private let name: String
    /// The last whole record as stored, while no field has changed since: most systems are
    /// written once, whole, and are compared without taking their record apart.
    private var record: String?
    /// Every field's text, once a field's entry or a comparison needed them; nil when the
    /// record could not be read.
    private var texts: [String]?
    private var deleted = false
    private var deletedAt: String?
    /// The first and last entries, and how many saves and entries: each save writes one entry or
    /// more, with one time, user, action and score change, and moves the version on by one.
    private var saves: (first: RecordedEntry?, last: RecordedEntry?, count: Int, entries: Int) = (nil, nil, 0, 0)
    /// The first entry that does not start where the ones before it left the system.
    private(set) var discontinuity: String?

    init(id: String) {
        name = Printable.quoted(id)
    }

    mutating func apply(_ entry: RecordedEntry) {
        let hasEntries = saves.first != nil
        defer {
            if saves.first == nil { saves.first = entry }
            if saves.last.map({ !entry.isSameSave(as: $0) }) ?? true { saves.count += 1 }
            saves.last = entry
            saves.entries += 1
        }
        let (sequence, action, field, oldValue, newValue) = (entry.sequence, entry.action, entry.field, entry.oldValue, entry.newValue)
        if let field {
            guard let column = InventoryFiles.Column(header: field) else { return }
            var current = currentTexts()
            if let recorded = current?[column.rawValue], !same(recorded, oldValue ?? "") {
                let (from, left) = Printable.quotedDifference(oldValue ?? "", recorded)
                noteDiscontinuity("entry \(sequence) changes \(field) of \(name) from \(from), but the entries before it left \(left)")
            }
            current?[column.rawValue] = newValue ?? ""
            texts = current
            record = nil
            return
        }
        let deletes = action == AuditEntry.Action.delete.rawValue
        let whole = deletes ? oldValue : newValue
        if hasEntries {
            if action != AuditEntry.Action.restore.rawValue, !deletes {
                noteDiscontinuity("entry \(sequence) creates \(name), which entries before it had created already")
            } else if deleted == deletes {
                noteDiscontinuity("entry \(sequence) \(deletes ? "deletes" : "restores") \(name), which the entries before it left \(deleted ? "deleted" : "active")")
            } else if let difference = difference(from: whole) {
                noteDiscontinuity("entry \(sequence) \(deletes ? "deletes" : "restores") \(name) as a record whose \(difference)")
            }
        }
        record = whole
        texts = nil
        deleted = deletes
        deletedAt = deletes ? entry.time : nil
    }

    /// How the stored `system` differs from this, the first difference found; nil when it does not.
    mutating func disagreement(with system: ImagingSystem, stamps: StoredStamps) -> String? {
        guard let first = saves.first, let last = saves.last else { return "\(name) is in the inventory, with no audit entry" }
        let archived = stamps.archivedAt != nil
        if deleted != archived {
            return "\(name) is \(archived ? "deleted" : "active") in the inventory, \(deleted ? "deleted" : "active") in the audit trail"
        }
        // Two saves in one second by one officer that leave the score alone read as one, so the
        // saves counted are at most the version, and the entries at least.
        if !(saves.count...saves.entries).contains(stamps.version) {
            let recorded = saves.count == saves.entries ? Count.of(saves.count, "save") : "\(saves.count) to \(saves.entries) saves"
            return "\(name) is at version \(stamps.version), its audit entries record \(recorded)"
        }
        for (column, stored, recorded) in [
            ("created_at", stamps.createdAt, first.time), ("updated_at", stamps.updatedAt, last.time),
            ("updated_by", stamps.updatedBy, last.user), ("archived_at", stamps.archivedAt ?? "", deletedAt ?? ""),
        ] where stored != recorded {
            return "\(column) of \(name) is \(Printable.quoted(stored)), the audit trail recorded \(Printable.quoted(recorded))"
        }
        if let record, same(record, FieldCodec.contractRecord(of: system)) { return nil }
        guard let texts = currentTexts() else { return "the audit trail holds no readable record of \(name)" }
        for column in InventoryFiles.Column.allCases {
            let value = FieldCodec.text(of: column, in: system)
            if !same(value, texts[column.rawValue]) {
                let (stored, recorded) = Printable.quotedDifference(value, texts[column.rawValue])
                return "\(column.header) of \(name) is \(stored), the audit trail last recorded \(recorded)"
            }
        }
        return nil
    }

    /// What differs between `other`, a whole record, and the state replayed so far; nil when
    /// nothing does.
    private mutating func difference(from other: String?) -> String? {
        if let record, same(record, other) { return nil }
        guard let theirs = other.flatMap(AuditTrail.recordTexts) else { return "text cannot be read" }
        guard let ours = currentTexts() else { return nil }
        guard let column = InventoryFiles.Column.allCases.first(where: { !same(ours[$0.rawValue], theirs[$0.rawValue]) }) else { return nil }
        let (recorded, left) = Printable.quotedDifference(theirs[column.rawValue], ours[column.rawValue])
        return "\(column.header) is \(recorded), where the entries before it left \(left)"
    }

    private mutating func currentTexts() -> [String]? {
        if texts == nil, let record { texts = AuditTrail.recordTexts(record) }
        return texts
    }

    private mutating func noteDiscontinuity(_ problem: String) {
        if discontinuity == nil { discontinuity = problem }
    }
}

/// An audit entry as the replay reads it: the columns it needs, not a whole `AuditEntry`, whose
/// hashes and every-byte texts made a million-system verify some 1.5 s slower (medians of four,
/// 17 against 15.5 s).
private struct RecordedEntry {
    let sequence: Int
    let time: String
    let user: String
    let action: String
    let field: String?
    let oldValue: String?
    let newValue: String?
    let scoreBefore: Int?
    let scoreAfter: Int?

    init(_ row: Row) {
        (sequence, time, user, action, field) = (row[0], row[1], row[2], row[3], row[4])
        (oldValue, newValue, scoreBefore, scoreAfter) = (row[5], row[6], row[7], row[8])
    }

    /// As `AuditEntry.isSameSave`, but for the sudo user, which is not read: two saves it alone
    /// told apart read as one, which only widens the versions allowed.
    func isSameSave(as other: RecordedEntry) -> Bool {
        time == other.time && user == other.user && action == other.action && scoreBefore == other.scoreBefore
            && scoreAfter == other.scoreAfter
    }
}

/// What a stored row says of its own history, beside its fields.
private struct StoredStamps {
    let archivedAt: String?
    let version: Int
    let createdAt: String
    let updatedAt: String
    let updatedBy: String
}

/// Texts compared byte by byte, as SQLite stores them: `String`'s `==` takes canonically
/// equivalent texts for equal, and a row changed only in how an accent is encoded would pass.
private func same(_ first: String?, _ second: String?) -> Bool {
    guard let first, let second else { return first == nil && second == nil }
    return first.utf8.elementsEqual(second.utf8)
}
