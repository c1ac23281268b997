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

    /// The selected system deleted elsewhere: the cursor stays where it was, on the system that
    /// took its place, as after a delete in this dashboard, and the place is counted again.
    @Test func theSelectedSystemDeletedElsewhereLeavesTheCursorInPlace() throws {
        let (harness, theirs) = try aliceAndBob()
        harness.press(Array(repeating: .down, count: 5))
        #expect(harness.screen.lines[2].hasSuffix("6 of 48"))
        let row = try #require(harness.screen.lines.firstIndex { $0.hasPrefix("▶") })
        func id(onRow row: Int) throws -> String {
            try #require(harness.screen.lines[row].split(separator: " ").first { $0.hasPrefix("NHP-") }.map(String.init))
        }
        let (selected, below) = (try id(onRow: row), try id(onRow: row + 1))
        try theirs.delete(id: SystemID(selected)!)

        harness.idle(2)
        #expect(harness.screen.lines[row].hasPrefix("▶"))
        #expect(try id(onRow: row) == below)
        #expect(harness.screen.lines[2].hasSuffix("6 of 47"))
    }

    /// The message tells what others changed: this dashboard's own save is on the screen already.
    /// Bob's change arrives while Alice's "Saved" is still on the status line, and takes its place:
    /// it may have undone what she saved. Two saves of one field name it once.
    @Test func theMessageLeavesOutThisDashboardsOwnSaveAndReplacesItsNotice() throws {
        let (harness, theirs) = try aliceAndBob()
        harness.press(.down, .character("e"))
        harness.type(" v2")
        harness.press(.control("s"))
        #expect(harness.statusText.contains("Saved NHP-CT-011"))
        var system = try #require(try theirs.system(id: SystemID("NHP-DX-033")!)).system
        system.profile.encryptionInTransit = .mutualTLS
        try theirs.save(system, expectedVersion: 1)
        system.profile.encryptionInTransit = .tls12Plus
        try theirs.save(system, expectedVersion: 2)

        harness.idle(2)
        #expect(harness.screen.lines.last?.hasSuffix("Changed by bob: NHP-DX-033 encryption_in_transit") == true)
    }

    /// An error stays until the officer has read it (a key), with the colleague's change after it.
    @Test func aColleaguesChangeIsAddedToAnErrorNotPutInItsPlace() throws {
        let (harness, theirs) = try aliceAndBob()
        harness.press(.character("n"))
        #expect(harness.statusText.contains("No filter text yet: press / to search"))
        var system = try #require(try theirs.system(id: SystemID("NHP-DX-033")!)).system
        system.owner = "Bob"
        try theirs.save(system, expectedVersion: 1)
        harness.idle(2)
        #expect(harness.statusText.contains("No filter text yet: press / to search. Meanwhile: Changed by bob: NHP-DX-033 owner"), "\(harness.statusText)")
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
        #expect(harness.screen.lines.last?.contains("elsewhere") == false)
        #expect(harness.screen.lines.last?.contains("Saved NHP-CT-011") == false)
    }

    /// A system another officer deletes stays in a comparison or a detail open on it, said to be
    /// deleted, with when: the officer is not left judging a system that is gone unawares.
    @Test func aSystemDeletedElsewhereIsSaidToBeDeletedWhereItIsOpen() throws {
        let (comparing, theirs) = try aliceAndBob()
        comparing.press(.character(" "), .down, .character(" "), .character("c"))
        let first = try #require(comparing.screen.lines[1].split(separator: " ").first.map(String.init))
        #expect(!comparing.text.contains("deleted"))
        try theirs.delete(id: SystemID(first)!)
        comparing.idle(2)
        #expect(comparing.text.contains("Compare 2 systems"))
        let deletedRow = try #require(comparing.screen.lines.firstIndex { $0.contains("deleted 20") })
        // Under the first column's name, the day it was deleted, and nothing under the other.
        #expect(comparing.screen.lines[deletedRow].wholeMatch(of: #/ {23}deleted \d{4}-\d{2}-\d{2} */#) != nil)
        #expect(comparing.screen.lines[deletedRow - 2].contains(first))
        #expect(comparing.screen.roles(ofRow: deletedRow).contains(.worse))

        let (reading, bob) = try aliceAndBob()
        reading.press(.enter)
        let id = try #require(reading.screen.lines[0].split(separator: " ").first.map(String.init))
        #expect(!reading.text.contains("Deleted"))
        try bob.delete(id: SystemID(id)!)
        reading.idle(2)
        #expect(reading.screen.lines[0].hasPrefix(" \(id)"))
        let deletedLine = try #require(reading.screen.lines.firstIndex { $0.hasPrefix(" Deleted 20") })
        #expect(reading.screen.lines[deletedLine].contains("it is in the archive (A in the list)"))
        #expect(reading.screen.roles(ofRow: deletedLine).contains(.worse))
    }

    /// Bob opens the inventory under another policy, which rescores it: Alice's dashboard, under
    /// the built-in one, says so, shows his scores in the list, and saves nothing.
    @Test func aRescoreUnderAnotherPolicyElsewhereIsSaidAndChangesAreRefused() throws {
        let (alice, theirs) = try aliceAndBob()
        let hospital = try Policy(
            toml: Policy.defaultTOML.replacing("policy_version = \"radrisk-2026.11\"", with: "policy_version = \"hospital-1\"")
                .replacing("vendor_cloud_domestic = 6", with: "vendor_cloud_domestic = 9"),
            fileName: "hospital.toml")
        _ = try InventoryStore(path: theirs.path, policy: hospital, user: "bob")
        alice.idle(2)
        #expect(alice.statusText.contains("Another process rescored the inventory under policy 'hospital-1': the list shows its scores, "
            + "and no change is saved under this dashboard's 'radrisk-2026.11'. Quit (q) and open it again"), "\(alice.statusText)")
        alice.press(.character("e"))
        alice.type(" v2")
        alice.press(.control("s"))
        #expect(alice.statusText.contains("would leave it scored under two"), "\(alice.statusText)")
        #expect(try theirs.page(InventoryQuery(), limit: 100).allSatisfy { !$0.name.hasSuffix(" v2") })

        // Rescored back under this dashboard's policy: nothing is refused, and who did it is said.
        _ = try InventoryStore(path: theirs.path, policy: .standard, user: "carol")
        alice.idle(2)
        #expect(alice.statusText.contains("Changed by bob, carol: the scoring policy, rescoring every system"), "\(alice.statusText)")
    }
}
