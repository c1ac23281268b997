/// One line of the append-only audit trail: who did what to which system, when, and the hash
/// that chains it to every line before it.
public struct AuditEntry: Sendable, Hashable {
    public enum Action: String, Sendable, CaseIterable {
        case create, update, delete, restore, `import`
    }

    /// The system id of an entry about the whole inventory, which no system can have.
    public static let inventoryWide = ""
    /// The field of the entry a rescore under another policy writes (an update of the whole
    /// inventory): its old and new values are the policies' texts, or only the old one's version
    /// where its text was not kept.
    public static let policyField = "policy"

    /// Whether this is a rescore under another policy.
    public var changesPolicy: Bool { systemID == Self.inventoryWide && field == Self.policyField }

    public let sequence: Int
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    public let time: String
    /// The effective operating-system user.
    public let user: String
    /// `SUDO_USER`, when the change was made through sudo.
    public let sudoUser: String?
    public let action: Action
    public let systemID: String
    /// The contract column changed; nil for whole-record actions.
    public let field: String?
    public let oldValue: String?
    public let newValue: String?
    /// The system's score (tenths) before and after the change, where there is one.
    public let scoreBefore: Int?
    public let scoreAfter: Int?
    public let previousHash: String
    public let hash: String

    /// Whether `other` was written by the same save of the same system: a save that changes
    /// several fields writes a line for each, all with the save's one score change.
    public func isSameSave(as other: AuditEntry) -> Bool {
        time == other.time && user == other.user && sudoUser == other.sudoUser && action == other.action
            && systemID == other.systemID && scoreBefore == other.scoreBefore && scoreAfter == other.scoreAfter
    }
}
