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

    /// Appends changes inside the caller's transaction, so the record change, its audit lines and
    /// the new head commit together or not at all.
    final class Writer {
        private let db: Database
        private let insert: Statement
        private let user: String
        private let sudoUser: String?
        private let time: String
        private var sequence: Int
        private var head: String

        init(_ db: Database, user: String, sudoUser: String?, time: String) throws {
            self.db = db
            self.user = user
            self.sudoUser = sudoUser
            self.time = time
            insert = try db.makeStatement(sql: """
                INSERT INTO audit (sequence, time, user, sudo_user, action, system_id, field, old_value, new_value,
                                   score_before, score_after, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let last = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit ORDER BY sequence DESC LIMIT 1")
            sequence = last?[0] ?? 0
            head = last?[1] ?? AuditTrail.genesisHash
        }

        func append(_ change: Change) throws {
            sequence += 1
            let entry = AuditTrail.entry(change, sequence: sequence, time: time, user: user, sudoUser: sudoUser, previousHash: head)
            try insert.execute(arguments: [
                entry.sequence, entry.time, entry.user, entry.sudoUser, entry.action.rawValue, entry.systemID, entry.field,
                entry.oldValue, entry.newValue, entry.scoreBefore, entry.scoreAfter, entry.previousHash, entry.hash,
            ])
            head = entry.hash
        }

        /// Records the head; call once, after the last append of the transaction.
        func finish() throws {
            try db.execute(
                sql: "INSERT INTO inventory_meta (key, value) VALUES ('audit_head', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                arguments: [head])
        }
    }

    static func entry(
        _ change: Change, sequence: Int, time: String, user: String, sudoUser: String?, previousHash: String
    ) -> AuditEntry {
        let hash = digest(
            sequence: sequence, time: time, user: user, sudoUser: sudoUser, action: change.action.rawValue,
            systemID: change.systemID, field: change.field, oldValue: change.oldValue, newValue: change.newValue,
            scoreBefore: change.scoreBefore, scoreAfter: change.scoreAfter, previousHash: previousHash)
        return AuditEntry(
            sequence: sequence, time: time, user: user, sudoUser: sudoUser, action: change.action, systemID: change.systemID,
            field: change.field, oldValue: change.oldValue, newValue: change.newValue, scoreBefore: change.scoreBefore,
            scoreAfter: change.scoreAfter, previousHash: previousHash, hash: hash)
    }

    /// SHA-256, in hex, of the entry's fields as a JSON array (unambiguous: every value is quoted
    /// and escaped, or `null`) followed by the previous hash.
    static func digest(
        sequence: Int, time: String, user: String, sudoUser: String?, action: String, systemID: String, field: String?,
        oldValue: String?, newValue: String?, scoreBefore: Int?, scoreAfter: Int?, previousHash: String
    ) -> String {
        // Built as bytes, not joined strings: a bulk import hashes a million of these.
        var canonical: [UInt8] = []
        canonical.reserveCapacity(512 + (oldValue?.utf8.count ?? 0) + (newValue?.utf8.count ?? 0))
        func text(_ value: String?) {
            canonical.append(UInt8(ascii: ","))
            if let value { JSON.append(value, to: &canonical) } else { canonical.append(contentsOf: "null".utf8) }
        }
        func number(_ value: Int?) {
            canonical.append(UInt8(ascii: ","))
            canonical.append(contentsOf: (value.map(String.init) ?? "null").utf8)
        }
        canonical.append(UInt8(ascii: "["))
        canonical.append(contentsOf: String(sequence).utf8)
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
        text(previousHash)
        canonical.append(UInt8(ascii: "]"))
        var hex: [UInt8] = []
        hex.reserveCapacity(2 * SHA256.byteCount)
        for byte in SHA256.hash(data: canonical) {
            hex.append(JSON.hexDigit(byte >> 4))
            hex.append(JSON.hexDigit(byte & 0xF))
        }
        return String(decoding: hex, as: UTF8.self)
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
