import GRDB
import InventoryFiles
import RiskModel

/// How a system maps to the `system` table: contract columns store the contract's canonical
/// cell text (so that `sqlite3` shows what a CSV would), numeric cells as integers.
enum SystemColumns {
    static let contract = InventoryFiles.Column.headers
    static let derived = ["risk_score_tenths", "risk_tier", "tier_rank", "policy_version"]

    /// The values to bind for `contract + derived`, in that order.
    static func values(of system: ImagingSystem, assessment: Assessment) -> [DatabaseValue] {
        var values: [DatabaseValue] = []
        values.reserveCapacity(contract.count + derived.count)
        for column in InventoryFiles.Column.allCases {
            switch column {
            case .retentionDays:
                if case .days(let days) = system.profile.retention { values.append(days.databaseValue) } else {
                    values.append(system.profile.retention.token.databaseValue)
                }
            case .breaches3y:
                if case .count(let count) = system.profile.breaches { values.append(count.databaseValue) } else {
                    values.append(system.profile.breaches.token.databaseValue)
                }
            case .lastReviewed:
                values.append(system.lastReviewed?.description.databaseValue ?? .null)
            default:
                values.append(FieldCodec.text(of: column, in: system).databaseValue)
            }
        }
        values.append(assessment.scoreTenths.databaseValue)
        values.append(assessment.tier.token.databaseValue)
        values.append(assessment.tier.rawValue.databaseValue)
        values.append(assessment.policyVersion.databaseValue)
        return values
    }

    /// Decodes the contract columns of a row read with `contract` first. The table's CHECKs and
    /// the writers guarantee canonical cells, so a failure here means the file was edited by hand.
    static func system(from row: Row, path: String) throws(InventoryError) -> ImagingSystem {
        var system = ImagingSystem(id: SystemID("pending")!, name: "-")
        let today = CalendarDate(year: 9999, month: 12, day: 31)!
        for column in InventoryFiles.Column.allCases {
            let value: DatabaseValue = row[column.rawValue]
            let text: String = switch value.storage {
            case .int64(let number): String(number)
            case .string(let string): string
            default: ""
            }
            if FieldCodec.setStoredText(column, text, on: &system) { continue }
            do throws(FieldError) {
                try FieldCodec.set(column, text: text, on: &system, today: today)
            } catch {
                throw .database(path: path, reason: "stored row is not valid: \(error)")
            }
        }
        return system
    }
}
