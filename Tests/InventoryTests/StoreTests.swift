import GRDB
import Foundation
import Synchronization
@testable import Inventory
import InventoryFiles
import RiskModel
import Testing

let today = CalendarDate(year: 2026, month: 11, day: 25)!

/// The repository's root, for SampleData.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func sampleInventory() throws -> String {
    try String(contentsOf: repositoryRoot.appendingPathComponent("SampleData/inventory.csv"), encoding: .utf8)
}

/// A fresh database file in its own temporary directory.
func temporaryDatabasePath() -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("radrisk-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent("inventory.sqlite").path
}

/// The built-in policy under another version: another policy to the inventory, scoring alike.
func builtInPolicy(renamed version: String) throws -> Policy {
    try Policy(
        toml: Policy.defaultTOML.replacing("policy_version = \"radrisk-2026.11\"", with: "policy_version = \"\(version)\""),
        fileName: "\(version).toml")
}

func exportCSV(_ store: InventoryStore) throws -> String {
    let sink = MemoryByteSink()
    let writer = ExportFormat.csv.writer(to: sink)
    try writer.begin()
    try store.forEachAssessed(InventoryQuery(sort: .id, descending: false)) { try writer.write($0) }
    try writer.finish(trailer: [:])
    return sink.text
}

@Suite("Inventory store")
struct StoreTests {
    @Test func importsTheSampleInventory() throws {
        let store = try InventoryStore(inMemoryWith: .standard)
        let summary = try store.importCSV(MemoryByteSource(try sampleInventory()), file: "inventory.csv", today: today)
        #expect(summary.issues.errorCount == 0)
        #expect(summary.committed)
        #expect(summary.added == 48)
        let counts = try store.tierCounts()
        #expect(Set(counts.keys) == Set(Tier.allCases))
        #expect(counts.values.reduce(0, +) == 48)
    }

    @Test func reimportingTheSameFileChangesNothing() throws {
        let store = try InventoryStore(inMemoryWith: .standard)
        let text = try sampleInventory()
        _ = try store.importCSV(MemoryByteSource(text), file: "a.csv", today: today)
        let again = try store.importCSV(MemoryByteSource(text), file: "a.csv", today: today)
        #expect((again.added, again.changed, again.unchanged) == (0, 0, 48))
        let first = try #require(try store.page(InventoryQuery(), limit: 1).first)
        #expect(try store.system(id: first.id)?.version == 1)
    }

    @Test func aChangedRowIsUpdatedAndItsVersionBumped() throws {
        let store = try InventoryStore(inMemoryWith: .standard)
        _ = try store.importCSV(MemoryByteSource("id,name,vendor\na,A,V1\nb,B,V\n"), file: "a.csv", today: today)
        let summary = try store.importCSV(MemoryByteSource("id,name,vendor\na,A,V2\nb,B,V\nc,C,V\n"), file: "b.csv", today: today)
        #expect((summary.added, summary.changed, summary.unchanged) == (1, 1, 1))
        #expect(try store.system(id: SystemID("a")!)?.version == 2)
        #expect(try store.system(id: SystemID("a")!)?.system.vendor == "V2")
        #expect(try store.system(id: SystemID("b")!)?.version == 1)
    }

    @Test func aFileWithAnyInvalidRowLeavesTheInventoryExactlyAsItWas() throws {
        let store = try InventoryStore(inMemoryWith: .standard)
        _ = try store.importCSV(MemoryByteSource("id,name\na,A\n"), file: "a.csv", today: today)
        let before = try exportCSV(store)
        let summary = try store.importCSV(MemoryByteSource("id,name\na,Changed\nb,B\nc,\nd,D\n"), file: "bad.csv", today: today)
        #expect(!summary.committed)
        #expect(summary.issues.errorCount == 1)
        #expect(try exportCSV(store) == before)
        #expect(try store.count(InventoryQuery()) == 1)
    }

    /// An import keeps its statement journals in memory; whatever it ends with, later work on the
    /// connection (a rescore's index builds) sorts in temporary files again.
    @Test func anImportLeavesTemporaryStorageAsItFoundIt() throws {
        let store = try InventoryStore(path: temporaryDatabasePath(), policy: .standard)
        let temporaryStorage = { try store.writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA temp_store") } }
        #expect(try temporaryStorage() == 0)
        #expect(try store.importCSV(MemoryByteSource(try sampleInventory()), file: "sample.csv", today: today).committed)
        #expect(try temporaryStorage() == 0)
        #expect(try !store.importCSV(MemoryByteSource("id,name\na,A\nb,\n"), file: "bad.csv", today: today).committed)
        #expect(try temporaryStorage() == 0)
    }

    @Test func aBulkImportPutsBackEveryIndexItSetAside() throws {
        let fresh = try InventoryStore(inMemoryWith: .standard).diagnostics().indexesAndTriggers
        #expect(fresh.contains { $0.contains("system_by_vendor") } && fresh.contains { $0.contains("system_text_cells") })
        let store = try InventoryStore(inMemoryWith: .standard)
        let failed = try store.importCSV(MemoryByteSource("id,name\na,A\nb,\n"), file: "bad.csv", today: today)
        #expect(!failed.committed)
        #expect(try store.diagnostics().indexesAndTriggers == fresh)
        _ = try store.importCSV(MemoryByteSource(try sampleInventory()), file: "inventory.csv", today: today)
        #expect(try store.diagnostics().indexesAndTriggers == fresh)
        #expect(try store.count(InventoryQuery(text: "pallas")) == 5)
        // Into an inventory that already holds systems, old and new rows are all in the rebuilt indexes.
        let grown = try InventoryStore(inMemoryWith: .standard)
        try grown.add(ImagingSystem(id: SystemID("first")!, name: "Zyxwv gamma unit"))
        _ = try grown.importCSV(MemoryByteSource(try sampleInventory()), file: "inventory.csv", today: today)
        #expect(try grown.diagnostics().indexesAndTriggers == fresh)
        #expect(try grown.count(InventoryQuery(text: "pallas")) == 5 && grown.count(InventoryQuery(text: "zyxwv")) == 1)
        #expect(try grown.page(InventoryQuery(sort: .name, descending: false), limit: 100).count == 49)
    }


    /// What an import reported, in order.
    func progress(of store: InventoryStore, importing csv: String, dryRun: Bool = false) throws -> [ImportProgress] {
        let reported = Mutex<[ImportProgress]>([])
        _ = try store.importCSV(MemoryByteSource(csv), file: "f.csv", today: today, dryRun: dryRun) { step in
            reported.withLock { $0.append(step) }
        }
        return reported.withLock { $0 }
    }

    @Test func anImportReportsHowFarItHasGot() throws {
        let store = try InventoryStore(inMemoryWith: .standard)
        let sample = try sampleInventory()
        let bulk = try progress(of: store, importing: sample)
        let read = bulk.compactMap { if case .reading(let bytes) = $0 { bytes } else { nil } }
        #expect(!read.isEmpty && read == read.sorted() && read.last == sample.utf8.count)
        func afterReading(_ steps: [ImportProgress]) -> [ImportProgress] {
            Array(steps.drop { if case .reading = $0 { true } else { false } })
        }
        #expect(afterReading(bulk) == [.buildingIndexes, .committing])
        // Into a non-empty inventory there are no indexes to rebuild; a dry run or a bad file commits nothing.
        #expect(afterReading(try progress(of: store, importing: "id,name\nnew,New\n")) == [.committing])
        // A file far larger than the inventory sets the indexes aside even though it is not empty.
        let small = try InventoryStore(inMemoryWith: .standard)
        try small.add(ImagingSystem(id: SystemID("first")!, name: "Gamma camera AI"))
        #expect(afterReading(try progress(of: small, importing: sample)) == [.buildingIndexes, .committing])
        #expect(!(try progress(of: store, importing: "id,name\nnew2,New\n", dryRun: true)).contains(.committing))
        #expect(!(try progress(of: store, importing: "id,name\nbad,\n")).contains(.committing))
    }

    /// `count` systems with ids `prefix-0` on, each named after its id.
    func systems(_ count: Int, prefix: String) -> String {
        "id,name,vendor,site\n" + (0..<count).map { "\(prefix)-\($0),Unit \(prefix) \($0),Vendor \($0 % 7),Site \($0 % 3)\n" }.joined()
    }

    @Test func anImportThatTurnsOutToWriteManyRowsSetsTheIndexesAsideOnTheWay() throws {
        let fresh = try InventoryStore(inMemoryWith: .standard).diagnostics().indexesAndTriggers
        let store = try InventoryStore(inMemoryWith: .standard)
        _ = try store.importCSV(MemoryByteSource(systems(3_000, prefix: "old")), file: "old.csv", today: today)
        // Far too small a file for the indexes to be set aside before reading it, but every row is
        // new: once 1,024 rows are in, the 1,476 still to come outweigh an eighth of 4,024.
        let merged = systems(2_500, prefix: "new")
        #expect(merged.utf8.count < 3_000 * 1_024)
        // A bad last row, read after the indexes were set aside, undoes it all: they are back.
        #expect(try !progress(of: store, importing: merged + "bad,\n").contains(.committing))
        #expect(try store.diagnostics().indexesAndTriggers == fresh && store.count(InventoryQuery()) == 3_000)
        #expect(try progress(of: store, importing: merged).contains(.buildingIndexes))
        #expect(try store.diagnostics().indexesAndTriggers == fresh)
        // Rows written before the indexes went, and after, are all found and sorted.
        #expect(try store.count(InventoryQuery(text: "new-1000")) == 1 && store.count(InventoryQuery(text: "new-2499")) == 1)
        #expect(try store.count(InventoryQuery(text: "unit new")) == 2_500)
        #expect(try store.page(InventoryQuery(sort: .name, descending: false), limit: 6_000).count == 5_500)
        #expect(try store.verifyAudit().entryCount == 5_500)
        // The text filter's index is back: a later change is found.
        try store.add(ImagingSystem(id: SystemID("later")!, name: "Zyxwv late unit"))
        #expect(try store.count(InventoryQuery(text: "zyxwv")) == 1)
        // 1,100 new rows: at the check, 76 to come are far from worth a rebuild of the inventory.
        #expect(try !progress(of: store, importing: systems(1_100, prefix: "few")).contains(.buildingIndexes))
        #expect(try store.count(InventoryQuery(text: "unit few")) == 1_100)
    }

    @Test func rebuildingPaysOffOnceTheWritesToComeOutweighAnEighthOfTheInventory() {
        typealias Store = InventoryStore
        // 100,000 new systems into 200,000 (34 MB), a thousand rows in: rebuild.
        #expect(Store.rebuildingPaysOff(existing: 200_000, written: 1_024, taken: 1_024, bytesTaken: 350_000, fileSize: 34_000_000))
        // The same file, every row so far unchanged: keep the indexes.
        #expect(!Store.rebuildingPaysOff(existing: 200_000, written: 0, taken: 1_024, bytesTaken: 350_000, fileSize: 34_000_000))
        // 50,000 new systems into a million: keeping them is as quick (measured), so keep them.
        #expect(!Store.rebuildingPaysOff(existing: 1_000_000, written: 1_024, taken: 1_024, bytesTaken: 350_000, fileSize: 17_500_000))
        // A pipe: rows already written stand in for those to come.
        #expect(!Store.rebuildingPaysOff(existing: 200_000, written: 1_024, taken: 1_024, bytesTaken: 350_000, fileSize: nil))
        #expect(!Store.rebuildingPaysOff(existing: 200_000, written: 28_571, taken: 30_000, bytesTaken: 0, fileSize: nil))
        #expect(Store.rebuildingPaysOff(existing: 200_000, written: 28_572, taken: 30_000, bytesTaken: 0, fileSize: nil))
        // The edge: 1,000 writes to come against (7,000 + 1,000) / 8 is not enough; 1,002 is.
        #expect(!Store.rebuildingPaysOff(existing: 7_000, written: 1_000, taken: 1_000, bytesTaken: 1_000, fileSize: 2_000))
        #expect(Store.rebuildingPaysOff(existing: 7_000, written: 1_000, taken: 1_000, bytesTaken: 1_000, fileSize: 2_002))
    }

    @Test func aDryRunReportsButWritesNothing() throws {
        let store = try InventoryStore(inMemoryWith: .standard)
        let summary = try store.importCSV(MemoryByteSource("id,name\na,A\nb,B\n"), file: "a.csv", today: today, dryRun: true)
        #expect(summary.added == 2)
        #expect(!summary.committed)
        #expect(try store.count(InventoryQuery()) == 0)
    }

    @Test func exportImportExportIsByteIdentical() throws {
        let first = try InventoryStore(inMemoryWith: .standard)
        let tricky = "id,name,vendor,notes\n'-lead,=HYPERLINK(\"x\"),'@vendor,\"multi\nline, \"\"quoted\"\"\"\nplain,São Paulo 桜,+1,\n"
        _ = try first.importCSV(MemoryByteSource(try sampleInventory()), file: "s.csv", today: today)
        _ = try first.importCSV(MemoryByteSource(tricky), file: "t.csv", today: today)
        let exported = try exportCSV(first)
        #expect(exported.contains("'=HYPERLINK"))
        #expect(exported.contains(",'-lead,") || exported.hasPrefix("'-lead") || exported.contains("\n'-lead,"))
        let second = try InventoryStore(inMemoryWith: .standard)
        let summary = try second.importCSV(MemoryByteSource(exported), file: "export.csv", today: today)
        #expect(summary.issues.errorCount == 0 && summary.issues.warningCount == 0)
        #expect(try exportCSV(second) == exported)
    }

    @Test func savesCheckTheVersionTheEditorStartedFrom() throws {
        let store = try InventoryStore(inMemoryWith: .standard, user: "alice")
        var system = ImagingSystem(id: SystemID("s1")!, name: "S")
        let added = try store.add(system)
        #expect(added.version == 1 && added.updatedBy == "alice")
        system.profile.encryptionInTransit = .mutualTLS
        let saved = try store.save(system, expectedVersion: 1)
        #expect(saved.version == 2)
        system.notes = "late edit"
        #expect(throws: InventoryError.self) { try store.save(system, expectedVersion: 1) }
        #expect(try store.system(id: system.id)?.system.notes == "")
    }

    @Test func aDraftKeepsWhatWasTypedOverWhatAndOneKeptBeforeThatStillReads() throws {
        let store = try InventoryStore(inMemoryWith: .standard, user: "alice")
        try store.saveDraft(systemID: "s1", fields: ["name": "Typed"], startedFrom: ["name": "Saved"])
        let kept = try #require(try store.draft(systemID: "s1"))
        #expect(kept.fields == ["name": "Typed"] && kept.startedFrom == ["name": "Saved"])

        // The first format: every field's text in one object, nothing known of where it started.
        try store.writer.write { db in
            try db.execute(sql: #"INSERT INTO draft VALUES ('alice', 's2', '2026-11-25T10:00:00Z', '{"name":"Typed","notes":""}')"#)
        }
        let old = try #require(try store.draft(systemID: "s2"))
        #expect(old.fields == ["name": "Typed", "notes": ""] && old.startedFrom.isEmpty)
    }

    @Test func addingATakenIDAndDeletingAMissingOneAreRefused() throws {
        let store = try InventoryStore(inMemoryWith: .standard)
        try store.add(ImagingSystem(id: SystemID("s1")!, name: "S"))
        #expect(throws: InventoryError.duplicateID(id: "s1")) { try store.add(ImagingSystem(id: SystemID("s1")!, name: "T")) }
        try store.delete(id: SystemID("s1")!)
        #expect(throws: InventoryError.notFound(id: "s1")) { try store.delete(id: SystemID("s1")!) }
        #expect(throws: InventoryError.archived(id: "s1")) { try store.add(ImagingSystem(id: SystemID("s1")!, name: "T")) }
    }

    @Test func deletingArchivesAndRestoreBringsBack() throws {
        let store = try InventoryStore(inMemoryWith: .standard)
        _ = try store.importCSV(MemoryByteSource("id,name\na,Alpha\nb,Beta\n"), file: "a.csv", today: today)
        try store.delete(id: SystemID("a")!)
        #expect(try store.count(InventoryQuery()) == 1)
        #expect(try store.count(InventoryQuery(archived: true)) == 1)
        #expect(try store.page(InventoryQuery(archived: true), limit: 5).map(\.id.rawValue) == ["a"])
        #expect(!(try exportCSV(store)).contains("Alpha"))
        let archived = try #require(try store.system(id: SystemID("a")!))
        #expect(archived.archivedAt != nil && archived.version == 2)
        #expect(throws: InventoryError.archived(id: "a")) { try store.save(archived.system, expectedVersion: nil) }
        try store.restore(id: SystemID("a")!)
        #expect(try store.count(InventoryQuery()) == 2)
        #expect(try store.system(id: SystemID("a")!)?.archivedAt == nil)
        #expect(throws: InventoryError.notArchived(id: "a")) { try store.restore(id: SystemID("a")!) }
        var actions: [AuditEntry.Action] = []
        try store.forEachAuditEntry(AuditQuery(systemID: "a")) { actions.append($0.action) }
        #expect(actions == [.import, .delete, .restore])
    }
}

@Suite("Inventory file")
struct StoreFileTests {
    @Test func aNewDatabaseIsPrivateUsesWALAndIsMigrated() throws {
        let path = temporaryDatabasePath()
        let store = try InventoryStore(path: path, policy: .standard)
        try store.add(ImagingSystem(id: SystemID("s1")!, name: "S"))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        let walAttributes = try FileManager.default.attributesOfItem(atPath: path + "-wal")
        #expect((walAttributes[.posixPermissions] as? Int) == 0o600)
        #expect(try store.diagnostics().journalMode == "wal")
        #expect(try store.diagnostics().synchronous == 2)  // FULL
        #expect(try store.diagnostics().walSizeLimit == 64 << 20)
        #expect(try store.diagnostics().pageSize == 16384)
        #expect(try store.diagnostics().migrations == ["v1: systems", "v2: audit trail", "v3: archive", "v4: drafts", "v5: export records", "v6: text filter candidates", "v7: tiers in the text sort indexes", "v8: an id sort index like the others", "v9: text filter reads a narrow index"])
    }

    /// An inventory made before v7 keeps its systems; its text sort indexes gain the tier, an id
    /// index like them is added, and the officer is told before the wait (once).
    @Test func anInventoryFromBeforeV7IsUpgradedOnceWithNotice() throws {
        let path = temporaryDatabasePath()
        let earlier = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(earlier, upTo: "v6: text filter candidates")
        try earlier.close()
        var notices = 0
        _ = try InventoryStore(path: temporaryDatabasePath(), policy: .standard, beforeUpgrading: { notices += 1 })
        #expect(notices == 0)
        let store = try InventoryStore(path: path, policy: .standard, beforeUpgrading: { notices += 1 })
        #expect(notices == 1)
        #expect(try store.diagnostics().migrations.last == "v9: text filter reads a narrow index")
        // Its pages keep the size they were made with: changing it would rewrite the whole file.
        #expect(try store.diagnostics().pageSize == 4096)
        try store.add(ImagingSystem(id: SystemID("s1")!, name: "S"))
        _ = try InventoryStore(path: path, policy: .standard, beforeUpgrading: { notices += 1 })
        #expect(notices == 1)
        let columns = try store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info('system_by_vendor') ORDER BY seqno")
        }
        #expect(columns == ["vendor", "id", "tier_rank"])
        let idColumns = try store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info('system_by_id') ORDER BY seqno")
        }
        #expect(idColumns == ["id", "tier_rank"])
        let added = try #require(try store.page(InventoryQuery(), limit: 1).first)
        #expect(try store.page(InventoryQuery(tiers: [added.tier], sort: .vendor), limit: 5) == [added])
    }

    /// An inventory made before v9 loses its trigram index and its triggers, and every text,
    /// whatever its length, is then found through the narrow index of searched cells, with
    /// the meaning it had.
    @Test func anInventoryFromBeforeV9FiltersTextThroughTheNarrowIndex() throws {
        let path = temporaryDatabasePath()
        let earlier = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(earlier, upTo: "v8: an id sort index like the others")
        var systems: [ImagingSystem] = []
        _ = try InventoryReading.read(MemoryByteSource(try sampleInventory()), file: "inventory.csv", today: today) { system, _ in
            systems.append(system)
        }
        try earlier.write { db in
            let insert = try db.makeStatement(sql: InventoryStore.insertSQL)
            for system in systems {
                var values = SystemColumns.values(of: system, assessment: Policy.standard.assess(system.profile))
                values.append(contentsOf: InventoryStore.stampValues(time: "2026-01-01T00:00:00Z", user: "earlier"))
                try insert.execute(values)
            }
            // As a v8 inventory has it: scored with a recorded policy, so opening rescores nothing.
            try ScoredWith.record(.standard, db)
        }
        try earlier.close()
        let store = try InventoryStore(path: path, policy: .standard)
        let reference = try InventoryStore(inMemoryWith: .standard)
        _ = try reference.importCSV(MemoryByteSource(try sampleInventory()), file: "inventory.csv", today: today)
        #expect(try store.diagnostics().indexesAndTriggers == reference.diagnostics().indexesAndTriggers)
        #expect(try store.writer.read { db in try db.tableExists("system_text") } == false)
        for text in ["pallas", "PA", "ö", "e", "zq"] {
            let query = InventoryQuery(text: text, sort: .id, descending: false)
            #expect(try store.page(query, limit: 100) == reference.page(query, limit: 100), "\(text)")
            #expect(try store.tierCounts(matching: text) == reference.tierCounts(matching: text), "\(text)")
        }
        #expect(try store.count(InventoryQuery(text: "pallas")) == 5)
    }

    @Test func aNewInventoryIsFilledWithoutTheWALThenShared() throws {
        let path = temporaryDatabasePath()
        let store = try InventoryStore(path: path, policy: .standard, forFirstLoad: true)
        #expect(try store.diagnostics().journalMode == "delete")
        #expect(try store.diagnostics().pageSize == 16384)
        let summary = try store.importCSV(MemoryByteSource(try sampleInventory()), file: "sample.csv", today: today)
        #expect(summary.committed && summary.added > 0)
        #expect(try store.diagnostics().journalMode == "wal")
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
        // Everything a load into WAL would have left: indexes and triggers, the audit chain, the rows.
        let reference = try InventoryStore(inMemoryWith: .standard)
        _ = try reference.importCSV(MemoryByteSource(try sampleInventory()), file: "sample.csv", today: today)
        let reopened = try InventoryStore(path: path, policy: .standard)
        #expect(try reopened.diagnostics().indexesAndTriggers == reference.diagnostics().indexesAndTriggers)
        #expect(try reopened.verifyAudit().entryCount == summary.added)
        #expect(try exportCSV(reopened) == exportCSV(reference))
        // Later changes go through the WAL, as for any inventory.
        try reopened.add(ImagingSystem(id: SystemID("late-1")!, name: "Late"))
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func aFailedFirstLoadLeavesAnEmptySharedInventory() throws {
        let path = temporaryDatabasePath()
        let store = try InventoryStore(path: path, policy: .standard, forFirstLoad: true)
        let summary = try store.importCSV(MemoryByteSource("id,name\na,A\nb,\n"), file: "bad.csv", today: today)
        #expect(!summary.committed)
        #expect(try store.diagnostics().journalMode == "wal")
        #expect(try InventoryStore(path: path, policy: .standard).count(InventoryQuery()) == 0)
    }

    @Test func anInventoryThatExistsIsNeverLoadedWithoutTheWAL() throws {
        let path = temporaryDatabasePath()
        _ = try InventoryStore(path: path, policy: .standard)
        let store = try InventoryStore(path: path, policy: .standard, forFirstLoad: true)
        #expect(try store.diagnostics().journalMode == "wal")
    }

    /// A new inventory at `path` holding one system, scored under `policy`; the system's profile.
    func oneSystemInventory(at path: String, policy: Policy) throws -> RiskProfile {
        var profile = RiskProfile.allUnknown
        profile.dataLocality = .vendorCloudDomestic
        try InventoryStore(path: path, policy: policy).add(ImagingSystem(id: SystemID("s1")!, name: "S", profile: profile))
        return profile
    }

    @Test func reopeningUnderAnotherPolicyRecomputesStoredScores() throws {
        let path = temporaryDatabasePath()
        let profile = try oneSystemInventory(at: path, policy: .standard)
        let text = Policy.defaultTOML
            .replacing("policy_version = \"radrisk-2026.11\"", with: "policy_version = \"other\"")
            .replacing("vendor_cloud_domestic = 6", with: "vendor_cloud_domestic = 9")
        let other = try Policy(toml: text, fileName: "other.toml")
        let reopened = try InventoryStore(path: path, policy: other)
        let row = try #require(try reopened.page(InventoryQuery(), limit: 1).first)
        #expect(row.scoreTenths == other.assess(profile).scoreTenths)
        #expect(row.scoreTenths != Policy.standard.assess(profile).scoreTenths)
    }

    @Test func openedWithNoPolicyTheInventoryIsScoredWithItsOwn() throws {
        // A colleague's command without --policy must neither rescore the inventory under the
        // built-in policy nor show scores made under another.
        let path = temporaryDatabasePath()
        let hospital = try Policy(
            toml: Policy.defaultTOML
                .replacing("policy_version = \"radrisk-2026.11\"", with: "policy_version = \"hospital-1\"")
                .replacing("vendor_cloud_domestic = 6", with: "vendor_cloud_domestic = 9"),
            fileName: "hospital.toml")
        let profile = try oneSystemInventory(at: path, policy: hospital)
        var rescored = false
        let colleague = try InventoryStore(path: path, policy: nil, beforeRescoring: { _, _ in rescored = true })
        #expect(!rescored)
        #expect(colleague.policy == hospital)
        #expect(try colleague.page(InventoryQuery(), limit: 1).first?.scoreTenths == hospital.assess(profile).scoreTenths)
        #expect(try InventoryStore(path: path, policy: nil, readOnly: true).policy == hospital)
        #expect(try InventoryStore(path: temporaryDatabasePath(), policy: nil).policy == .standard)
    }

    /// Two officers, two policies, one inventory: once Bob's store rescored it, Alice's (opened
    /// before) saves nothing, add, edit, delete or import, so that no row is scored under hers;
    /// she is told which policy it is scored with now, and opened again she can work.
    @Test func aStoreRefusesChangesOnceAnotherRescoredTheInventoryUnderAnotherPolicy() throws {
        let path = temporaryDatabasePath()
        _ = try oneSystemInventory(at: path, policy: .standard)
        let alice = try InventoryStore(path: path, policy: .standard)
        #expect(try alice.rescoredElsewhere() == nil)
        let hospital = try builtInPolicy(renamed: "hospital-1")
        let bob = try InventoryStore(path: path, policy: hospital)
        #expect(try alice.rescoredElsewhere() == "hospital-1")
        #expect(try bob.rescoredElsewhere() == nil)

        var system = try #require(try alice.system(id: SystemID("s1")!)).system
        system.notes = "Alice's note"
        let refused = InventoryError.rescoredElsewhere(path: path, policyVersion: "hospital-1", ownVersion: "radrisk-2026.11")
        #expect(throws: refused) { try alice.save(system, expectedVersion: nil) }
        #expect(throws: refused) { try alice.add(ImagingSystem(id: SystemID("s2")!, name: "T")) }
        #expect(throws: refused) { try alice.delete(id: system.id) }
        #expect(throws: refused) { try alice.importCSV(MemoryByteSource("id,name\ns3,U\n"), file: "f.csv", today: today) }
        #expect(try bob.count(InventoryQuery()) == 1)
        #expect(try bob.system(id: system.id)?.system.notes == "")
        #expect(refused.description.contains("was rescored under policy 'hospital-1' by another process after this one opened it under 'radrisk-2026.11'; nothing was saved"))

        let again = try InventoryStore(path: path, policy: nil)
        try again.save(system, expectedVersion: nil)
        #expect(try bob.system(id: system.id)?.system.notes == "Alice's note")
    }

    /// A copy of the policy with other comments scores alike: opened with it, a store neither
    /// rescores nor takes the inventory for rescored elsewhere, and saves.
    @Test func aCopyOfThePolicyWithOtherCommentsSaves() throws {
        let path = temporaryDatabasePath()
        _ = try oneSystemInventory(at: path, policy: .standard)
        let copy = try InventoryStore(path: path, policy: try Policy(toml: "# our copy\n" + Policy.defaultTOML, fileName: "copy.toml"))
        #expect(try copy.rescoredElsewhere() == nil)
        try copy.add(ImagingSystem(id: SystemID("s2")!, name: "T"))
        #expect(try copy.count(InventoryQuery()) == 2)
    }

    @Test func aPolicyThatKeepsItsVersionButChangesAWeightStillRescores() throws {
        let path = temporaryDatabasePath()
        let profile = try oneSystemInventory(at: path, policy: .standard)
        let sameName = try Policy(
            toml: Policy.defaultTOML.replacing("data_locality = 12", with: "data_locality = 2")
                .replacing("vendor_sharing = 14", with: "vendor_sharing = 24"),
            fileName: "same-name.toml")
        #expect(sameName.version == Policy.standard.version)
        let reopened = try InventoryStore(path: path, policy: sameName)
        #expect(try reopened.page(InventoryQuery(), limit: 1).first?.scoreTenths == sameName.assess(profile).scoreTenths)
        #expect(sameName.assess(profile).scoreTenths != Policy.standard.assess(profile).scoreTenths)
        // Comments and layout are not a change of policy: nothing to rescore.
        var rescored = false
        _ = try InventoryStore(
            path: path, policy: try Policy(toml: "# local copy\n" + sameName.sourceText, fileName: "copy.toml"),
            beforeRescoring: { _, _ in rescored = true })
        #expect(!rescored)
    }

    /// Rescoring goes a batch of 10,000 rows at a time, with the score indexes set aside: every
    /// row of a larger inventory is rescored, and the list's score order is whole again.
    @Test func rescoringALargeInventoryReachesEveryRow() throws {
        let path = temporaryDatabasePath()
        let localities = DataLocality.tokens
        var csv = "id,name,data_locality,breaches_3y\n"
        for index in 0..<12_345 { csv += "R-\(index),Row \(index),\(localities[index % localities.count]),\(index % 5)\n" }
        let indexes: [String]
        do {
            let store = try InventoryStore(path: path, policy: .standard)
            _ = try store.importCSV(MemoryByteSource(csv), file: "rows.csv", today: today)
            indexes = try store.diagnostics().indexesAndTriggers
        }
        let other = try Policy(
            toml: Policy.defaultTOML
                .replacing("policy_version = \"radrisk-2026.11\"", with: "policy_version = \"other\"")
                .replacing("vendor_cloud_domestic = 6", with: "vendor_cloud_domestic = 9"),
            fileName: "other.toml")
        let reopened = try InventoryStore(path: path, policy: other)
        #expect(try reopened.diagnostics().indexesAndTriggers == indexes)
        let byScore = try reopened.page(InventoryQuery(sort: .score, descending: true), limit: 20_000)
        #expect(byScore.count == 12_345)
        #expect(byScore.map(\.scoreTenths) == byScore.map(\.scoreTenths).sorted(by: >))
        let stored = Dictionary(uniqueKeysWithValues: byScore.map { ($0.id, $0.scoreTenths) })
        var rescored = 0
        try reopened.forEachAssessed(InventoryQuery()) { item in
            if stored[item.system.id] == other.assess(item.system.profile).scoreTenths { rescored += 1 }
        }
        #expect(rescored == 12_345)
    }
}
