import GRDB
import GRDBSQLite
import InventoryFiles
import RiskModel

/// How a system maps to the `system` table: contract columns store the contract's canonical
/// cell text (so that `sqlite3` shows what a CSV would), numeric cells as integers.
enum SystemColumns {
    static let contract = InventoryFiles.Column.headers
    static let derived = ["risk_score_tenths", "risk_tier", "tier_rank", "policy_version"]

    /// The values to bind for `contract + derived`, in that order.
    static func values(of system: ImagingSystem, assessment: Assessment) -> RowValues {
        var values = RowValues(reservingValues: contract.count + derived.count + 3, bytes: 512)
        for column in InventoryFiles.Column.allCases {
            switch FieldCodec.value(of: column, in: system) {
            case .number(let number): values.append(number)
            case .date(nil): values.appendNull()
            case let value: values.append(FieldCodec.text(value, of: column))
            }
        }
        values.append(assessment.scoreTenths)
        values.append(assessment.tier.token)
        values.append(assessment.tier.rawValue)
        values.append(assessment.policyVersion)
        return values
    }

    /// Decodes the contract columns of the row a statement (reading them first) stands on,
    /// straight from the bytes SQLite holds: exports decode every row through here, and making
    /// GRDB values, and strings for token cells, was a third of an export's reading core.
    /// The table's CHECKs and the writers guarantee canonical cells, so a failure here means the
    /// file was edited by hand. Free text is taken as stored (see `FieldCodec.setStoredText`).
    static func system(atCurrentRowOf statement: Statement, path: String) throws(InventoryError) -> ImagingSystem {
        try system(path: path) { index in cell(index, atCurrentRowOf: statement) }
    }

    /// Column `index` of the row `statement` stands on, as SQLite holds it (integers come as their
    /// text), valid until the statement moves on.
    static func cell(_ index: Int, atCurrentRowOf statement: Statement) -> UnsafeBufferPointer<UInt8> {
        let handle = statement.sqliteStatement
        // SQLite's order: the pointer first, then its length.
        let start = sqlite3_column_blob(handle, Int32(index))
        return UnsafeBufferPointer(
            start: start?.assumingMemoryBound(to: UInt8.self), count: start == nil ? 0 : Int(sqlite3_column_bytes(handle, Int32(index))))
    }

    /// Decodes the contract columns from `cell(index)`, each valid until the next call; without
    /// `freeText`, the free-text columns are left unset.
    static func system(
        path: String, freeText: Bool = true, cell: (Int) -> UnsafeBufferPointer<UInt8>
    ) throws(InventoryError) -> ImagingSystem {
        var system = ImagingSystem(id: SystemID("pending")!, name: "-")
        for (index, column) in InventoryFiles.Column.allCases.enumerated() {
            if column.isFreeText {
                if freeText { _ = FieldCodec.setStoredText(column, cell(index), on: &system) }
                continue
            }
            let cell = cell(index)
            do throws(FieldError) {
                try FieldCodec.set(column, from: cell, on: &system, today: .latest)
            } catch {
                throw .database(path: path, reason: "stored row is not valid: \(error)")
            }
        }
        return system
    }
}

/// The contract cells of stored rows, copied out of SQLite as they are, a batch at a time.
///
/// An export reads rows on one core and writes them on the other. SQLite's row lookups alone
/// kept the reading core busy, so rows cross undecoded, and the writing core, which had time to
/// spare, decodes them: a million-row export took a tenth less time. A batch's cells share one
/// buffer: with two allocations per row, made on one core and freed on the other, a million-row
/// export to a pipe took 3.89 s against 3.70 s (medians of eight, interleaved).
struct StoredRows: Sendable {
    private var bytes: [UInt8] = []
    /// Where each cell ends in `bytes`, row after row.
    private var ends: [Int32] = []
    private static let width = SystemColumns.contract.count

    init(reservingRows rows: Int, bytes: Int) {
        self.bytes.reserveCapacity(bytes)
        ends.reserveCapacity(rows * Self.width)
    }

    var count: Int { ends.count / Self.width }
    var byteCount: Int { bytes.count }

    /// Copies the row a statement reading the contract columns stands on.
    mutating func append(currentRowOf statement: Statement) {
        for index in SystemColumns.contract.indices {
            bytes.append(contentsOf: SystemColumns.cell(index, atCurrentRowOf: statement))
            ends.append(Int32(bytes.count))
        }
    }

    /// Calls `body` with row `row` decoded but for its free text, and the free text's bytes (see
    /// `AssessmentWriter.write(_:freeText:)`).
    func withSystem<Result>(
        _ row: Int, path: String,
        _ body: (ImagingSystem, _ freeText: (InventoryFiles.Column) -> UnsafeBufferPointer<UInt8>) throws -> Result
    ) throws -> Result {
        let first = row * Self.width
        return try bytes.withUnsafeBufferPointer { all in
            try ends.withUnsafeBufferPointer { ends in
                func cell(_ index: Int) -> UnsafeBufferPointer<UInt8> {
                    let cell = first + index
                    let start = cell == 0 ? 0 : Int(ends[cell - 1])
                    return UnsafeBufferPointer(rebasing: all[start..<Int(ends[cell])])
                }
                return try body(try SystemColumns.system(path: path, freeText: false, cell: cell)) { cell($0.rawValue) }
            }
        }
    }
}
