import Dashboard
import Foundation
import Inventory
import InventoryFiles
import RiskModel
import TerminalUI
import Testing

@Suite("Read-only dashboard")
struct ReadOnlyDashboardTests {
    func readOnlyHarness(size: Size = Size(width: 80, height: 24)) throws -> Harness {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("radrisk-ro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("inventory.sqlite").path
        let writable = try InventoryStore(path: path, policy: .standard)
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("SampleData/inventory.csv"), encoding: .utf8)
        _ = try writable.importCSV(MemoryByteSource(text), file: "inventory.csv", today: today)
        return Harness(store: try InventoryStore(path: path, policy: .standard, readOnly: true), size: size)
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

    /// Keys that would change the inventory do nothing here: the status line does not offer them,
    /// and help says they are off.
    @Test func theStatusLineOffersNoEditKeyAndHelpSaysTheyAreOff() throws {
        let harness = try readOnlyHarness(size: Size(width: 160, height: 40)).press()
        let hints = try #require(harness.screen.lines.last)
        #expect(hints.contains("c Compare  x Export  q Quit"))
        #expect(!hints.contains("Edit"))
        harness.press(.character("?"))
        for help in ["Edit the system", "Add a system", "Delete (archive) the system, asking first; it keeps its history", "In the archive: restore the system to the inventory"] {
            #expect(harness.text.contains(help + " (off: read-only)"))
        }
        #expect(harness.text.contains("Export the current view's assessment to a CSV file") && !harness.text.contains("CSV file (off"))
        harness.press(.character("q"), .enter)
        #expect(harness.text.contains("FACTOR"))
        #expect(harness.screen.lines.last?.contains("h History") == true)
        #expect(harness.screen.lines.last?.contains("Edit") == false)
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
