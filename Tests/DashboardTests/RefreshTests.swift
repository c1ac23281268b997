import Foundation
import Inventory
import InventoryFiles
import RiskModel
import TerminalUI
import Testing

@Suite("Changes made elsewhere")
struct RefreshTests {
    @Test func anOpenDashboardShowsAnotherProcessesSaveKeepingTheSelection() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("radrisk-refresh-\(UUID().uuidString).sqlite").path
        let mine = try InventoryStore(path: path, policy: .standard, user: "alice")
        let csv = try String(contentsOf: repositoryRoot.appendingPathComponent("SampleData/inventory.csv"), encoding: .utf8)
        _ = try mine.importCSV(MemoryByteSource(csv), file: "inventory.csv", today: today)
        let harness = Harness(store: mine, refreshTicks: 2).press(.down, .down)
        let selected = try #require(harness.screen.lines.first { $0.hasPrefix("▶") })
        #expect(selected.contains("NHP-US-027"))

        // Another officer, another connection, lowers NHP-DX-033's risk.
        let theirs = try InventoryStore(path: path, policy: .standard, user: "bob")
        var system = try #require(try theirs.system(id: SystemID("NHP-DX-033")!)).system
        system.profile.encryptionInTransit = .mutualTLS
        system.profile.accessControl = .rbacMFA
        try theirs.save(system, expectedVersion: 1)

        harness.idle(1)
        #expect(harness.screen.lines.contains { $0.contains("NHP-DX-033") && $0.contains("91.0") })
        harness.idle(2)
        #expect(harness.screen.lines.contains { $0.contains("NHP-DX-033") && $0.contains("78.0") })
        #expect(harness.screen.lines.first { $0.hasPrefix("▶") }?.contains("NHP-US-027") == true)
        #expect(harness.screen.lines.last?.contains("Changed by bob: NHP-DX-033 encryption_in_transit, access_control") == true)
    }
}
