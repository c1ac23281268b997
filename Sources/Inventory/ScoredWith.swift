import GRDB
import RiskModel

/// The policy the inventory's stored scores were made with, as `inventory_meta` records it: its
/// version, and the text of its file (inventories scored before the text was kept have only the
/// version).
///
/// The text is kept, not only the version, for two reasons. A command given no `--policy` scores
/// with the inventory's own policy, so that a colleague's plain `radrisk list` on a shared box
/// neither rescores the inventory under the built-in policy nor shows scores from another; and a
/// file that changes a weight but not its `policy_version` still gets the inventory rescored.
struct ScoredWith {
    let version: String?
    /// The recorded policy, read once; nil when only its version was recorded (or nothing was
    /// scored yet).
    let policy: Policy?

    /// The version and the text as recorded, without reading the text as a policy.
    struct Record: Hashable, Sendable {
        let version: String?
        let text: String?

        init(_ db: Database) throws {
            let values = try Row.fetchAll(
                db, sql: "SELECT key, value FROM inventory_meta WHERE key IN ('policy_version', 'policy_text')")
                .reduce(into: [String: String]()) { $0[$1[0]] = $1[1] }
            version = values["policy_version"]
            text = values["policy_text"]
        }
    }

    init(_ db: Database, path: String) throws {
        try self.init(Record(db), path: path)
    }

    private init(_ record: Record, path: String) throws {
        version = record.version
        guard let text = record.text else {
            policy = nil
            return
        }
        do {
            policy = try Policy(toml: text, fileName: "the policy kept in \(path)")
        } catch {
            throw InventoryError.database(
                path: path,
                reason: "is scored with a policy this radrisk cannot read (\(error)); pass --policy FILE to rescore it under another")
        }
    }

    /// Whether the stored scores are those `policy` gives. With only a version recorded, the
    /// version is all there is to compare.
    func matches(_ policy: Policy) -> Bool {
        guard let recorded = self.policy else { return version == policy.version }
        return recorded == policy
    }

    /// The version of the policy the inventory is scored with, where that is not `policy`: another
    /// process rescored it after this one opened it. Every change asks, so the texts are compared
    /// first; the recorded policy is read only where they differ, as for a copy of the policy with
    /// other comments, which scores alike (see `matches`).
    static func other(than policy: Policy, _ db: Database) throws -> String? {
        let record = try Record(db)
        guard let version = record.version, record.text != policy.sourceText else { return nil }
        // A text this radrisk cannot read is not `policy`'s.
        let recorded = try? ScoredWith(record, path: "")
        return recorded?.matches(policy) == true ? nil : version
    }

    static func record(_ policy: Policy, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO inventory_meta (key, value) VALUES ('policy_version', ?), ('policy_text', ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """,
            arguments: [policy.version, policy.sourceText])
    }
}
