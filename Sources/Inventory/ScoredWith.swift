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
    let text: String?

    init(_ db: Database) throws {
        version = try String.fetchOne(db, sql: "SELECT value FROM inventory_meta WHERE key = 'policy_version'")
        text = try String.fetchOne(db, sql: "SELECT value FROM inventory_meta WHERE key = 'policy_text'")
    }

    /// The recorded policy, or nil when only its version was recorded (or nothing was scored yet).
    func policy(path: String) throws(InventoryError) -> Policy? {
        guard let text else { return nil }
        do {
            return try Policy(toml: text, fileName: "the policy kept in \(path)")
        } catch {
            throw .database(
                path: path,
                reason: "is scored with a policy this radrisk cannot read (\(error)); pass --policy FILE to rescore it under another")
        }
    }

    /// Whether the stored scores are those `policy` gives. With only a version recorded, the
    /// version is all there is to compare.
    func matches(_ policy: Policy, path: String) throws(InventoryError) -> Bool {
        guard text != nil else { return version == policy.version }
        return try self.policy(path: path) == policy
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
