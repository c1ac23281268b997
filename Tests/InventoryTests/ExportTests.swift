import Foundation
import Inventory
import InventoryFiles
import RiskModel
import Testing

@Suite("Exports")
struct ExportTests {
    /// Rows cross from the reading thread in batches of 512: 1,300 make two full batches and part
    /// of a third, with free text of every kind the CSV writer treats differently.
    static func inventory(rows: Int = 1_300) -> String {
        var csv = "id,name,vendor,site,notes,retention_days,breaches_3y\n"
        let notes = ["", "plain", "\"comma, and \"\"quotes\"\"\"", "\"two\nlines\"", "São Paulo 桜", "=SUM(A1)"]
        for row in 0..<rows {
            csv += "sys-\(String(row * 7919 % rows, radix: 36)),System \(row),Vendor \(row % 13),Site \(row % 5),"
            csv += "\(notes[row % notes.count]),\(row % 3 == 0 ? "indefinite" : String(row % 400)),\(row % 4)\n"
        }
        return csv
    }

    func storeHolding(_ csv: String) throws -> InventoryStore {
        let store = try InventoryStore(inMemoryWith: .standard)
        let summary = try store.importCSV(MemoryByteSource(csv), file: "many.csv", today: today)
        #expect(summary.issues.errorCount == 0)
        return store
    }

    /// What each system's assessment is, written one decoded system at a time on one thread.
    func reference(_ store: InventoryStore, _ query: InventoryQuery, _ format: ExportFormat) throws -> [UInt8] {
        let sink = MemoryByteSink()
        let writer = format.writer(to: sink)
        try writer.begin()
        try store.forEachAssessed(query) { try writer.write($0) }
        let position = try store.auditPosition()
        try writer.finish(trailer: [
            "policy_version": .text(store.policy.version), "audit_head": .text(position.head), "audit_sequence": .number(position.sequence),
        ])
        return sink.bytes
    }

    @Test(arguments: ExportFormat.allCases)
    func anExportAcrossBatchesIsEverySystemAssessedInOrder(format: ExportFormat) throws {
        let store = try storeHolding(Self.inventory())
        for query in [InventoryQuery(sort: .id, descending: false), InventoryQuery(tiers: [.high, .critical], sort: .id, descending: false)] {
            let sink = MemoryByteSink()
            try store.export(query, format: format, to: sink)
            #expect(sink.bytes == (try reference(store, query, format)))
        }
        #expect(try store.count(InventoryQuery()) == 1_300)
    }

    @Test func anExportToAFileHoldsWhatAnExportToMemoryDoes() throws {
        let store = try storeHolding(Self.inventory())
        let query = InventoryQuery(sort: .id, descending: false)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("radrisk-export-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("an older export".utf8).write(to: URL(fileURLWithPath: path))
        try store.export(query, format: .csv, toFile: path)
        let memory = MemoryByteSink()
        try store.export(query, format: .csv, to: memory)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == memory.bytes)
        let debris = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
        #expect(!debris.contains { $0.hasPrefix(URL(fileURLWithPath: path).lastPathComponent + ".partial") })
    }
}
