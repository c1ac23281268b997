import Dashboard
import Foundation
import Inventory
import InventoryFiles
import RiskModel
import TerminalUI
import Testing

@Suite("Read-only dashboard")
struct ReadOnlyDashboardTests {
    func readOnlyHarness() throws -> Harness {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("radrisk-ro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("inventory.sqlite").path
        let writable = try InventoryStore(path: path, policy: .standard)
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("SampleData/inventory.csv"), encoding: .utf8)
        _ = try writable.importCSV(MemoryByteSource(text), file: "inventory.csv", today: today)
        return Harness(store: try InventoryStore(path: path, policy: .standard, readOnly: true))
    }

    @Test func showsANoticeAndEveryEditKeySaysWhyItIsOff() throws {
        let harness = try readOnlyHarness().press(.character("j"))
        #expect(harness.screen.lines.last?.hasPrefix(" READ-ONLY ") == true)
        let refusal = "Read-only inventory (opened read-only): editing, deleting and restoring are off"
        for key in ["e", "a", "d"] {
            harness.press(.character(Character(key)))
            #expect(harness.screen.lines.last?.contains(refusal) == true, "key \(key)")
        }
        harness.press(.enter)
        #expect(harness.text.contains("FACTOR"))
        harness.press(.character("e"))
        #expect(harness.screen.lines.last?.contains(refusal) == true)
        #expect(try harness.store.count(InventoryQuery()) == 48)
    }

    @Test func anExportSaysWhichAuditEntryToImportItBackWithSinceItCannotBeRecorded() throws {
        let harness = try readOnlyHarness()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("radrisk-ro-\(UUID().uuidString).csv").path
        harness.press(.character("x"), .control("u"))
        harness.type(path)
        harness.press(.enter)
        #expect(harness.statusText.contains("Exported 48 systems (read-only, not recorded: import with --base 48) to "))
        #expect(try harness.store.exportRecord(forFile: path) == nil)
        #expect(FileManager.default.fileExists(atPath: path))
    }
}
