import InventoryFiles

/// Why an inventory operation did not happen. The CLI maps each case to an exit status.
public enum InventoryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The database could not be opened, read or written.
    case database(path: String, reason: String)
    /// The inventory is open read-only.
    case readOnly(path: String, reason: String)
    /// No system has this id.
    case notFound(id: String)
    /// A new system's id is already taken.
    case duplicateID(id: String)
    /// The id belongs to an archived (deleted) system.
    case archived(id: String)
    /// Only an archived system can be restored.
    case notArchived(id: String)
    /// The system's fields break the inventory contract.
    case invalidSystem(id: String, problems: [String])
    /// Someone saved the system after the editor read it.
    case conflict(id: String, expected: Int, found: Int, by: String, at: String)
    /// An import was told its file was exported at an audit entry the trail does not have.
    case unknownAuditEntry(sequence: Int, newest: Int)
    /// The audit trail does not end where the last change left it: nothing more is written to it.
    case auditTrailBroken(problem: String)
    /// Another process rescored the inventory under another policy after this one opened it.
    case rescoredElsewhere(path: String, policyVersion: String, ownVersion: String)

    public var description: String {
        switch self {
        case .database(let path, let reason): "\(Printable.controlsEscaped(path)): \(reason)"
        case .readOnly(let path, let reason): "\(Printable.controlsEscaped(path)) is open read-only (\(reason)); nothing was changed"
        case .notFound(let id): "no system with id '\(id)' in the inventory"
        case .duplicateID(let id): "a system with id '\(id)' already exists"
        case .notArchived(let id): "'\(id)' is in the inventory, not in the archive"
        case .archived(let id): "'\(id)' was deleted and is archived; `radrisk restore \(id)` brings it back"
        case .invalidSystem(let id, let problems): "'\(id)' is not valid: \(problems.joined(separator: "; "))"
        case .conflict(let id, let expected, let found, let by, let at) where found > expected:
            "'\(id)' is at version \(found), not \(expected): \(by) saved it at \(at), after the version your edit started from; "
                + "nothing was saved. See what changed with `radrisk audit --system \(id)`, then edit version \(found)"
        case .conflict(let id, let expected, let found, let by, let at):
            "'\(id)' is at version \(found), not \(expected): it has no version \(expected) yet (\(by) saved version \(found) at \(at)); "
                + "nothing was saved. `radrisk show \(id)` gives its version"
        case .unknownAuditEntry(let sequence, let newest):
            "the inventory has no audit entry \(sequence) (its entries run from 0, before the first change, to \(newest)); "
                + "give the entry `radrisk export` printed when it wrote the file"
        case .rescoredElsewhere(let path, let version, let own):
            "\(Printable.controlsEscaped(path)) was rescored under \(version == own ? "another policy named" : "policy") \(Printable.quoted(version)) by another "
                + "process after this one opened it under \(Printable.quoted(own)); nothing was saved, as a change scored under "
                + "this one's would leave it scored under two. Open it again: without --policy it keeps the inventory's policy, "
                + "with --policy FILE it rescores every system"
        case .auditTrailBroken(let problem):
            "the audit trail was changed outside radrisk (\(problem)), so nothing was saved: a change chained onto it "
                + "would hide that; `radrisk audit verify` tells more. Restore the inventory from a backup, or have it "
                + "examined, before changing it again"
        }
    }
}
