import Foundation
import GRDB
import RiskModel

/// Which audit lines to show.
public struct AuditQuery: Sendable {
    public var systemID: String?
    /// Lines at or after this UTC date (`YYYY-MM-DD`) or time.
    public var since: String?
    public var user: String?
    /// Only lines newer than this sequence number.
    public var afterSequence: Int?

    public init(systemID: String? = nil, since: String? = nil, user: String? = nil, afterSequence: Int? = nil) {
        self.systemID = systemID
        self.since = since
        self.user = user
        self.afterSequence = afterSequence
    }
}

/// The outcome of recomputing the audit chain.
public struct AuditVerification: Sendable {
    public let entryCount: Int
    /// The newest entry's hash: keep it somewhere else to prove later that history was not rewritten.
    public let head: String
    /// The first entry that was altered, inserted or deleted behind the tool's back, or nil.
    public let problem: String?
}

extension InventoryStore {
    /// How far the audit trail reaches now.
    public func auditPosition() throws(InventoryError) -> AuditPosition {
        try withDatabaseErrors { try writer.read(Self.auditPosition) }
    }

    /// Calls `body` with the matching audit lines, oldest first.
    public func forEachAuditEntry(_ query: AuditQuery, _ body: (AuditEntry) throws -> Void) throws {
        var clauses: [String] = []
        var arguments = StatementArguments()
        if let id = query.systemID {
            clauses.append("system_id = ?")
            arguments += [id]
        }
        if let since = query.since {
            clauses.append("time >= ?")
            arguments += [since]
        }
        if let after = query.afterSequence {
            clauses.append("sequence > ?")
            arguments += [after]
        }
        if let user = query.user {
            clauses.append("(user = ? OR sudo_user = ?)")
            arguments += [user, user]
        }
        let filter = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        try writer.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.auditColumns) FROM audit \(filter) ORDER BY sequence", arguments: arguments)
            while let row = try rows.next() { try body(Self.entry(row)) }
        }
    }

    /// Recomputes every hash of the chain and compares the newest with the recorded head.
    public func verifyAudit() throws(InventoryError) -> AuditVerification {
        try withDatabaseErrors {
            try writer.read { db in
                var head = AuditTrail.genesisHash
                var count = 0
                // Entries chained on past the recorded head verify as a chain, but are not vouched
                // for: the count stops where the recorded head stands.
                let recorded = try AuditTrail.recordedHead(db)
                var recordedAt: Int?
                let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.auditColumns) FROM audit ORDER BY sequence")
                while let row = try rows.next() {
                    let stored = Self.entry(row)
                    count += 1
                    if stored.sequence != count {
                        let problem = stored.sequence > count
                            ? "entry \(count) is missing: deleted or renumbered (the next entry is \(stored.sequence))"
                            : "entry \(stored.sequence) stands after entry \(count - 1): inserted or renumbered"
                        return AuditVerification(entryCount: count - 1, head: head, problem: problem)
                    }
                    let fields = AuditTrail.canonicalFields(
                        time: stored.time, user: stored.user, sudoUser: stored.sudoUser, action: stored.action.rawValue,
                        systemID: stored.systemID, field: stored.field, oldValue: stored.oldValue, newValue: stored.newValue,
                        scoreBefore: stored.scoreBefore, scoreAfter: stored.scoreAfter)
                    let recomputed = AuditTrail.digest(sequence: stored.sequence, canonicalFields: fields, previousHash: head)
                    guard stored.previousHash == head, stored.hash == recomputed else {
                        let what = stored.previousHash != head ? "does not follow entry \(count - 1) (inserted or reordered)" : "was altered"
                        return AuditVerification(entryCount: count - 1, head: head, problem: "entry \(stored.sequence) \(what)")
                    }
                    head = stored.hash
                    if head == recorded { recordedAt = count }
                }
                if let recorded, let recordedAt, recordedAt < count {
                    return AuditVerification(
                        entryCount: recordedAt, head: recorded,
                        problem: "the trail runs on past entry \(recordedAt), its newest entry as recorded, to entry \(count): "
                            + "entries were added at its end")
                }
                // Every entry verified, so the newest is the one just walked past.
                let newest = count == 0 ? nil : (sequence: count, hash: head)
                return AuditVerification(entryCount: count, head: head, problem: try AuditTrail.problemAtEnd(db, newest: newest, recorded: recorded))
            }
        }
    }

    private static let auditColumns =
        "sequence, time, user, sudo_user, action, system_id, field, old_value, new_value, score_before, score_after, previous_hash, hash"

    private static func entry(_ row: Row) -> AuditEntry {
        AuditEntry(
            sequence: row[0], time: text(row, 1) ?? "", user: text(row, 2) ?? "", sudoUser: text(row, 3),
            action: AuditEntry.Action(rawValue: row[4]) ?? .update, systemID: text(row, 5) ?? "", field: text(row, 6),
            oldValue: text(row, 7), newValue: text(row, 8), scoreBefore: row[9], scoreAfter: row[10], previousHash: row[11],
            hash: row[12])
    }

    /// Every byte of a text column. GRDB's `String` stops at a NUL byte, so text put after one by
    /// hand would be neither shown nor hashed, and verification would miss it.
    private static func text(_ row: Row, _ index: Int) -> String? {
        (row[index] as Data?).map { String(decoding: $0, as: UTF8.self) }
    }
}
