import GRDB
import InventoryFiles
import RiskModel

/// What the audit trail says happened to each system after an export, so that importing the
/// exported file again tells an officer's edit in the file from a change saved by someone else.
struct ChangesSinceExport {
    struct SystemChanges {
        var lastSequence = 0
        var lastUser = ""
        var lastTime = ""
        /// Each changed field's value at the time of the export (the oldest change's old value).
        var exportedValues: [String: String] = [:]
        /// Created, deleted, restored or replaced whole after the export: no field-level view.
        var changedWhole = false
    }

    private(set) var bySystem: [String: SystemChanges] = [:]

    init(_ db: Database, after sequence: Int) throws {
        let rows = try Row.fetchCursor(
            db, sql: "SELECT sequence, time, user, system_id, field, old_value FROM audit WHERE sequence > ? ORDER BY sequence",
            arguments: [sequence])
        while let row = try rows.next() {
            let id: String = row[3]
            var changes = bySystem[id, default: SystemChanges()]
            changes.lastSequence = row[0]
            changes.lastTime = row[1]
            changes.lastUser = row[2]
            if let field: String = row[4] {
                if changes.exportedValues[field] == nil { changes.exportedValues[field] = row[5] ?? "" }
            } else {
                changes.changedWhole = true
            }
            bySystem[id] = changes
        }
    }

    enum Verdict {
        /// Nobody else changed the system, or the file agrees with what is saved now.
        case apply
        /// The file's row is the exported one, untouched, but the system was changed since: keep the newer.
        case keepSaved(SystemChanges)
        /// Both the file and someone else changed the system.
        case conflict(SystemChanges)
    }

    func verdict(file: ImagingSystem, saved: ImagingSystem?) -> Verdict {
        guard let saved, saved != file, let changes = bySystem[file.id.rawValue] else { return .apply }
        guard !changes.changedWhole else { return .conflict(changes) }
        let fileIsTheExport = Column.allCases.allSatisfy { column in
            let exported = changes.exportedValues[column.header] ?? FieldCodec.text(of: column, in: saved)
            return FieldCodec.text(of: column, in: file) == exported
        }
        return fileIsTheExport ? .keepSaved(changes) : .conflict(changes)
    }
}
