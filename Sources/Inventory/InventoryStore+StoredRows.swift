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
                    SELECT \(SystemColumns.contract.joined(separator: ", ")), risk_score_tenths, risk_tier, archived_at
                    FROM system ORDER BY number
                    """)
                let entries = try db.makeStatement(sql: "SELECT action, field, old_value, new_value FROM audit WHERE system_id = ? ORDER BY sequence")
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
                    if storedTenths != assessment.scoreTenths || storedTier != assessment.tier.token {
                        scores.add("'\(system.id.rawValue)' is stored at \(formatTenths(storedTenths)) \(storedTier), its fields give "
                            + "\(formatTenths(assessment.scoreTenths)) \(assessment.tier.token)")
                    }
                    var replayed = ReplayedSystem()
                    let recorded = try Row.fetchCursor(entries, arguments: [system.id.rawValue])
                    while let entry = try recorded.next() {
                        replayed.apply(action: entry[0], field: entry[1], oldValue: entry[2], newValue: entry[3])
                    }
                    if let problem = replayed.disagreement(with: system, archived: (row[count + 2] as String?) != nil) {
                        fields.add(problem)
                    }
                }
                let gone = "FROM audit WHERE system_id NOT IN (SELECT id FROM system)"
                if let id = try String.fetchOne(db, sql: "SELECT system_id \(gone) ORDER BY system_id LIMIT 1") {
                    fields.add("\(Printable.quoted(id)) is in the audit trail, not in the inventory",
                               count: try Int.fetchOne(db, sql: "SELECT count(DISTINCT system_id) \(gone)") ?? 1)
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
/// new, restored, deleted) sets every field, a field's entry sets that field.
private struct ReplayedSystem {
    private var hasEntries = false
    /// The last whole record, and the fields changed after it.
    private var record: String?
    private var changed: [InventoryFiles.Column: String] = [:]
    private var deleted = false

    mutating func apply(action: String, field: String?, oldValue: String?, newValue: String?) {
        hasEntries = true
        if let field {
            if let column = InventoryFiles.Column(header: field) { changed[column] = newValue ?? "" }
            return
        }
        deleted = action == AuditEntry.Action.delete.rawValue
        record = deleted ? oldValue : newValue
        changed = [:]
    }

    /// How the stored `system` differs from this, the first difference found; nil when it does not.
    func disagreement(with system: ImagingSystem, archived: Bool) -> String? {
        let name = Printable.quoted(system.id.rawValue)
        guard hasEntries else { return "\(name) is in the inventory, with no audit entry" }
        if deleted != archived {
            return "\(name) is \(archived ? "deleted" : "active") in the inventory, \(deleted ? "deleted" : "active") in the audit trail"
        }
        // Most systems were written once, whole: their record is compared as it stands.
        if changed.isEmpty, let record, record == FieldCodec.contractRecord(of: system) { return nil }
        guard var texts = record.flatMap(FieldCodec.contractTexts(ofRecord:)) else {
            return "the audit trail holds no readable record of \(name)"
        }
        for (column, text) in changed { texts[column.rawValue] = text }
        for column in InventoryFiles.Column.allCases {
            let value = FieldCodec.text(of: column, in: system)
            if value != texts[column.rawValue] {
                return "\(column.header) of \(name) is \(Printable.quoted(value)), the audit trail last recorded \(Printable.quoted(texts[column.rawValue]))"
            }
        }
        return nil
    }
}
