import Crypto
import GRDB
import InventoryFiles
import RiskModel

/// Writes and checks the audit trail. Each entry's hash is SHA-256 over its canonical content and
/// the previous entry's hash, so changing, inserting or deleting an entry behind the tool's back
/// breaks the chain from there on; the newest hash (the head) is kept in `inventory_meta` too.
enum AuditTrail {
    static let genesisHash = String(repeating: "0", count: 64)

    /// What a change records, before it is numbered and chained.
    struct Change: Sendable {
        let action: AuditEntry.Action
        let systemID: String
        var field: String? = nil
        var oldValue: String? = nil
        var newValue: String? = nil
        var scoreBefore: Int? = nil
        var scoreAfter: Int? = nil
    }

    /// Who makes the changes of one transaction, and when: the part of every audit line that a
    /// bulk import's reading core can lay out before the writing core numbers and chains it.
    struct Author: Sendable {
        let time: String
        let user: String
        let sudoUser: String?

        /// The line's values for the audit table but its sequence number, previous hash and
        /// hash, and its canonical text but for the sequence number and the previous hash.
        func line(_ change: Change) -> Line {
            var values = RowValues(reservingValues: 13, bytes: 128 + (change.oldValue?.utf8.count ?? 0) + (change.newValue?.utf8.count ?? 0))
            values.append(time)
            values.append(user)
            values.append(sudoUser)
            values.append(change.action.rawValue)
            values.append(change.systemID)
            values.append(change.field)
            values.append(change.oldValue)
            values.append(change.newValue)
            values.append(change.scoreBefore)
            values.append(change.scoreAfter)
            let canonical = AuditTrail.canonicalFields(
                time: time, user: user, sudoUser: sudoUser, action: change.action.rawValue, systemID: change.systemID,
                field: change.field, oldValue: change.oldValue, newValue: change.newValue, scoreBefore: change.scoreBefore,
                scoreAfter: change.scoreAfter)
            return Line(values: values, canonicalFields: canonical)
        }
    }

    /// An audit line ready to be numbered and chained.
    struct Line: Sendable {
        fileprivate let values: RowValues
        fileprivate let canonicalFields: [UInt8]
    }

    /// Appends changes inside the caller's transaction, so the record change, its audit lines and
    /// the new head commit together or not at all.
    final class Writer {
        let author: Author
        private let db: Database
        private let insert: BatchInsert
        private let written: OwnAuditEntries
        private let firstSequence: Int
        private var sequence: Int
        private var head: String

        /// `written` learns the sequence numbers of the lines once they are committed.
        init(_ db: Database, author: Author, written: OwnAuditEntries) throws {
            self.db = db
            self.author = author
            self.written = written
            insert = try BatchInsert(db, into: "audit", columns: [
                "time", "user", "sudo_user", "action", "system_id", "field", "old_value", "new_value",
                "score_before", "score_after", "sequence", "previous_hash", "hash",
            ])
            let last = try AuditTrail.newestEntry(db)
            // Chaining onto a trail cut or extended behind the tool's back would make the
            // recorded head agree with it again, and erase the evidence that `audit verify` finds.
            if let problem = try AuditTrail.problemAtEnd(db, newest: last, recorded: AuditTrail.recordedHead(db)) {
                throw InventoryError.auditTrailBroken(problem: problem)
            }
            sequence = last?.sequence ?? 0
            firstSequence = sequence + 1
            head = last?.hash ?? AuditTrail.genesisHash
        }

        func append(_ change: Change) throws {
            try append(author.line(change))
        }

        func append(_ line: Line) throws {
            sequence += 1
            let hash = AuditTrail.digest(sequence: sequence, canonicalFields: line.canonicalFields, previousHash: head)
            var values = line.values
            values.append(sequence)
            values.append(head)
            values.append(hash)
            try insert.append(values)
            head = hash
        }

        /// Writes the lines still held and records the head; call once, after the last append of
        /// the transaction.
        func finish() throws {
            try insert.flush()
            try db.execute(
                sql: "INSERT INTO inventory_meta (key, value) VALUES ('audit_head', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                arguments: [head])
            guard sequence >= firstSequence else { return }
            let lines = firstSequence...sequence
            db.afterNextTransaction(onCommit: { [written] _ in written.record(lines) })
        }
    }

    /// The trail's newest entry as stored, or nil for an empty trail.
    static func newestEntry(_ db: Database) throws -> (sequence: Int, hash: String)? {
        try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit ORDER BY sequence DESC LIMIT 1").map { ($0[0], $0[1]) }
    }

    /// The hash of the newest entry as its change recorded it, or nil when that record is gone.
    static func recordedHead(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM inventory_meta WHERE key = 'audit_head'")
    }

    /// Why the trail, whose newest entry is `newest`, does not end at `recorded`, the head its last
    /// change recorded, or nil when it does. A trail emptied with its head, beside systems whose
    /// creation it should hold, counts too.
    static func problemAtEnd(_ db: Database, newest: (sequence: Int, hash: String)?, recorded: String?) throws -> String? {
        switch (newest, recorded) {
        case (nil, nil):
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM system)") == true else { return nil }
            return "the inventory holds systems but the trail and the record of its newest entry are gone"
        case (let newest?, nil):
            return "the trail runs to entry \(newest.sequence), but the record of its newest entry is gone"
        case (nil, let recorded?):
            return recorded == genesisHash ? nil : "the trail is empty, but its newest entry was recorded as \(recorded)"
        case (let newest?, let recorded?):
            return newest.hash == recorded ? nil
                : "the trail ends at entry \(newest.sequence), but its newest entry was recorded as \(recorded): entries were "
                    + "deleted, added or altered at its end"
        }
    }

    /// SHA-256, in hex, of the entry's fields as a JSON array (unambiguous: every value is quoted
    /// and escaped, or `null`) followed by the previous hash. `canonicalFields` is every field
    /// between the sequence number and the previous hash, from `canonicalFields(time:…)`.
    static func digest(sequence: Int, canonicalFields: [UInt8], previousHash: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Array("[\(sequence)".utf8))
        hasher.update(data: canonicalFields)
        var tail: [UInt8] = [UInt8(ascii: ",")]
        JSON.append(previousHash, to: &tail)
        tail.append(UInt8(ascii: "]"))
        hasher.update(data: tail)
        var hex: [UInt8] = []
        hex.reserveCapacity(2 * SHA256.byteCount)
        for byte in hasher.finalize() {
            hex.append(JSON.hexDigit(byte >> 4))
            hex.append(JSON.hexDigit(byte & 0xF))
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// The fields of an entry's canonical array from its time to its score after, each with the
    /// comma before it. Built as bytes, not joined strings: a bulk import hashes a million.
    static func canonicalFields(
        time: String, user: String, sudoUser: String?, action: String, systemID: String, field: String?,
        oldValue: String?, newValue: String?, scoreBefore: Int?, scoreAfter: Int?
    ) -> [UInt8] {
        var canonical: [UInt8] = []
        canonical.reserveCapacity(192 + (oldValue?.utf8.count ?? 0) + (newValue?.utf8.count ?? 0))
        func text(_ value: String?) {
            canonical.append(UInt8(ascii: ","))
            if let value { JSON.append(value, to: &canonical) } else { canonical.append(contentsOf: "null".utf8) }
        }
        func number(_ value: Int?) {
            canonical.append(UInt8(ascii: ","))
            canonical.append(contentsOf: (value.map(String.init) ?? "null").utf8)
        }
        text(time)
        text(user)
        text(sudoUser)
        text(action)
        text(systemID)
        text(field)
        text(oldValue)
        text(newValue)
        number(scoreBefore)
        number(scoreAfter)
        return canonical
    }

    /// The audit lines of a change from `old` to `new` (either may be absent).
    static func changes(
        _ action: AuditEntry.Action, from old: ImagingSystem?, to new: ImagingSystem?, policy: Policy
    ) -> [Change] {
        let id = (new ?? old)!.id.rawValue
        let before = old.map { policy.assess($0.profile).scoreTenths }
        let after = new.map { policy.assess($0.profile).scoreTenths }
        guard let old, let new else {
            let record = (new ?? old).map(FieldCodec.contractRecord)
            return [Change(
                action: action, systemID: id, oldValue: new == nil ? record : nil, newValue: new == nil ? nil : record,
                scoreBefore: before, scoreAfter: after)]
        }
        return FieldCodec.columns(differingBetween: old, and: new).map { column in
            Change(
                action: action, systemID: id, field: column.header,
                oldValue: FieldCodec.text(of: column, in: old), newValue: FieldCodec.text(of: column, in: new),
                scoreBefore: before, scoreAfter: after)
        }
    }
}
