import Foundation
import Inventory
import InventoryFiles
import RiskModel
import TerminalUI
import Testing

@Suite("Changes made elsewhere")
struct RefreshTests {
    /// Alice's dashboard on the sample inventory, and Bob's store on the same file.
    func aliceAndBob() throws -> (alice: Harness, bob: InventoryStore) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("radrisk-refresh-\(UUID().uuidString).sqlite").path
        let mine = try InventoryStore(path: path, policy: .standard, user: "alice")
        let csv = try String(contentsOf: repositoryRoot.appendingPathComponent("SampleData/inventory.csv"), encoding: .utf8)
        _ = try mine.importCSV(MemoryByteSource(csv), file: "inventory.csv", today: today)
        return (Harness(store: mine, refreshTicks: 2).press(), try InventoryStore(path: path, policy: .standard, user: "bob"))
    }

    @Test func anOpenDashboardShowsAnotherProcessesSaveKeepingTheSelection() throws {
        let (harness, theirs) = try aliceAndBob()
        harness.press(.down, .down)
        let selected = try #require(harness.screen.lines.first { $0.hasPrefix("▶") })
        #expect(selected.contains("NHP-US-027"))

        // Another officer, another connection, lowers NHP-DX-033's risk.
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

    /// The message tells what others changed: this dashboard's own save is on the screen already.
    @Test func theMessageLeavesOutThisDashboardsOwnSave() throws {
        let (harness, theirs) = try aliceAndBob()
        harness.press(.down, .character("e"))
        harness.type(" v2")
        harness.press(.control("s"))
        #expect(harness.statusText.contains("Saved NHP-CT-011"))
        harness.press(.up)
        var system = try #require(try theirs.system(id: SystemID("NHP-DX-033")!)).system
        system.profile.encryptionInTransit = .mutualTLS
        try theirs.save(system, expectedVersion: 1)

        harness.idle(2)
        #expect(harness.screen.lines.last?.contains("Changed by bob: NHP-DX-033 encryption_in_transit") == true)
    }

    /// Something else committed (Bob's export is recorded), but no system changed but by this dashboard.
    @Test func onlyThisDashboardsOwnSaveIsNoChangeByAnyone() throws {
        let (harness, theirs) = try aliceAndBob()
        harness.press(.character("e"))
        harness.type(" v2")
        harness.press(.control("s"), .down)
        try theirs.recordExport(to: "/tmp/bob.csv", at: try theirs.auditPosition())

        harness.idle(2)
        #expect(harness.screen.lines.last?.contains("Changed by") == false)
        #expect(harness.screen.lines.last?.contains("The inventory was changed elsewhere; the screen is up to date") == true)
    }
}
