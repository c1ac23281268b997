import Foundation
import Inventory
import InventoryFiles
import RiskModel
import Testing

/// An inventory opened read-only can be read and exported, and refuses every change.
@Suite("Read-only inventory")
struct ReadOnlyTests {
    func sampleDatabase() throws -> String {
        let path = temporaryDatabasePath()
        let store = try InventoryStore(path: path, policy: .standard)
        _ = try store.importCSV(MemoryByteSource(try sampleInventory()), file: "inventory.csv", today: today)
        return path
    }

    func fileBytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func readsAndExportsButRefusesEveryChangeAndWritesNothing() throws {
        let path = try sampleDatabase()
        let store = try InventoryStore(path: path, policy: .standard, readOnly: true)
        let before = try fileBytes(path)
        #expect(store.readOnlyReason == "opened read-only")
        #expect(try store.count(InventoryQuery()) == 48)
        let first = try #require(try store.page(InventoryQuery(), limit: 1).first)
        var system = try #require(try store.system(id: first.id)).system
        system.notes = "changed"

        let refusals: [() throws -> Void] = [
            { _ = try store.save(system, expectedVersion: nil) },
            { _ = try store.add(ImagingSystem(id: SystemID("new-1")!, name: "New")) },
            { try store.delete(id: first.id) },
            { _ = try store.importCSV(MemoryByteSource("id,name\nx,X\n"), file: "x.csv", today: today) },
            { try store.saveDraft(systemID: first.id.rawValue, fields: [:], startedFrom: [:]) },
        ]
        for attempt in refusals {
            #expect(throws: InventoryError.readOnly(path: path, reason: "opened read-only")) { try attempt() }
        }
        #expect(InventoryError.readOnly(path: path, reason: "opened read-only").description.hasSuffix("nothing was changed"))

        let output = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("export.csv").path
        try store.export(InventoryQuery(sort: .id, descending: false), format: .csv, toFile: output)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == (try exportCSV(store)))
        #expect(try store.exportRecord(forFile: output) == nil)
        #expect(try fileBytes(path) == before)
    }

    /// The policy's version as written in TOML, and as the refusal shows it (escaped: never raw to a terminal).
    @Test(arguments: [("local-1", "local-1"), ("local\\u001b[2J", "local\\u{1B}[2J")])
    func aReadOnlyInventoryScoredUnderAnotherPolicyIsRefusedRatherThanShownStale(version: String, shown: String) throws {
        let path = try sampleDatabase()
        let toml = Policy.defaultTOML.replacing("policy_version = \"radrisk-2026.11\"", with: "policy_version = \"\(version)\"")
        let other = try Policy(toml: toml, fileName: "local.toml")
        #expect {
            _ = try InventoryStore(path: path, policy: other, readOnly: true)
        } throws: { error in
            "\(error)".contains("is scored with policy \(Policy.standard.version), not \(shown), and is open read-only")
                && !"\(error)".contains("\u{1B}")
        }
    }
}
