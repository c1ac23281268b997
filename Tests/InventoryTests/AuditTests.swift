import Crypto
import Foundation
@testable import Inventory
import InventoryFiles
import RiskModel
import Testing

@Suite("Audit trail")
struct AuditTests {
    func entries(_ store: InventoryStore, _ query: AuditQuery = AuditQuery()) throws -> [AuditEntry] {
        var all: [AuditEntry] = []
        try store.forEachAuditEntry(query) { all.append($0) }
        return all
    }

    /// The systems an audit line's whole-record value reads back as, under the contract's header.
    func records(_ value: String?) throws -> [ImagingSystem] {
        let header = Column.allCases.map(\.header).joined(separator: ",")
        var systems: [ImagingSystem] = []
        let log = try InventoryReading.read(MemoryByteSource(header + "\n" + (value ?? "")), file: "audit", today: today) { system, _ in
            systems.append(system)
        }
        #expect(!log.hasErrors)
        return systems
    }

    @Test func everyChangeIsRecordedWithItsUserFieldValuesAndScores() throws {
        let store = try InventoryStore(inMemoryWith: .standard, user: "alice", clock: { "2026-11-25T10:00:00Z" })
        var system = ImagingSystem(id: SystemID("s1")!, name: "Stroke CT")
        try store.add(system)
        system.profile.encryptionInTransit = .mutualTLS
        system.notes = "BAA signed"
        try store.save(system, expectedVersion: 1)
        try store.delete(id: system.id)
        let all = try entries(store)
        #expect(all.map(\.action) == [.create, .update, .update, .delete])
        #expect(all.map(\.sequence) == [1, 2, 3, 4])
        #expect(all.allSatisfy { $0.user == "alice" && $0.systemID == "s1" && $0.time == "2026-11-25T10:00:00Z" })
        #expect(all[1].field == "encryption_in_transit" && all[1].oldValue == "unknown" && all[1].newValue == "mutual_tls")
        #expect(all[2].field == "notes" && all[2].oldValue == "" && all[2].newValue == "BAA signed")
        #expect(all[1].scoreBefore == 863 && all[1].scoreAfter == 783)
        // Whole records are kept as contract CSV records, which read back as the system they were.
        #expect(try records(all[0].newValue) == [ImagingSystem(id: SystemID("s1")!, name: "Stroke CT")])
        #expect(try records(all[3].oldValue) == [system])
        #expect(all[0].oldValue == nil && all[3].newValue == nil)
        #expect(zip(all.dropFirst(), all).allSatisfy { $0.previousHash == $1.hash })
        #expect(try store.auditPosition().head == all.last?.hash)
        let verification = try store.verifyAudit()
        #expect(verification.problem == nil && verification.entryCount == 4)
    }

    @Test func importsRecordAddedAndChangedSystemsButNotUnchangedOnes() throws {
        let store = try InventoryStore(inMemoryWith: .standard)
        _ = try store.importCSV(MemoryByteSource("id,name,vendor\na,A,V1\nb,B,V\n"), file: "one.csv", today: today)
        _ = try store.importCSV(MemoryByteSource("id,name,vendor\na,A,V2\nb,B,V\n"), file: "two.csv", today: today)
        let all = try entries(store)
        #expect(all.map(\.action) == [.import, .import, .import])
        #expect(all[2].systemID == "a" && all[2].field == "vendor" && all[2].oldValue == "V1" && all[2].newValue == "V2")
        #expect(try entries(store, AuditQuery(systemID: "b")).count == 1)
    }

    /// Every way radrisk changes a system replays to the row as it stands: a load, a re-import
    /// changing a field, an edit, a delete, a restore and an edit after it, a multi-line note.
    /// Then one field changed behind the store's back, which leaves the score alone, is found.
    @Test func theStoredRowsAreWhatTheTrailLastRecorded() throws {
        let store = try InventoryStore(inMemoryWith: .standard)
        _ = try store.importCSV(MemoryByteSource(try sampleInventory()), file: "inventory.csv", today: today)
        #expect(try store.verifyStoredRows() == nil)
        _ = try store.importCSV(MemoryByteSource("id,name\nnew,\"New, \"\"quoted\"\"\"\n"), file: "more.csv", today: today)
        let id = SystemID("new")!
        var system = try #require(try store.system(id: id)).system
        // Notes that start as a list would be a formula to a spreadsheet: the record guards them.
        system.notes = "- line one\n- line two, with a comma"
        try store.save(system, expectedVersion: 1)
        try store.delete(id: id)
        #expect(try store.verifyStoredRows() == nil)
        try store.restore(id: id)
        system.owner = "Radiology"
        try store.save(system, expectedVersion: nil)
        #expect(try store.verifyStoredRows() == nil)

        try store.writer.write { db in try db.execute(sql: "UPDATE system SET owner = 'Someone else' WHERE id = 'new'") }
        #expect(try store.verifyStoredRows() == "1 system is not as the audit trail last recorded it "
            + "(owner of 'new' is 'Someone else', the audit trail last recorded 'Radiology')")
    }

    /// A field changed by hand, then saved over through radrisk, or carried through a delete and
    /// a restore: the later entries would record the hand-made value as the one they replaced,
    /// and the row would agree with the trail again.
    @Test func aChangeByHandIsNotLaunderedByLaterEntries() throws {
        let store = try InventoryStore(inMemoryWith: .standard)
        _ = try store.importCSV(MemoryByteSource("id,name,owner\na,A,Radiology\nb,B,Radiology\n"), file: "one.csv", today: today)
        try store.writer.write { db in try db.execute(sql: "UPDATE system SET owner = 'Mallory' WHERE id IN ('a', 'b')") }
        var system = try #require(try store.system(id: SystemID("a")!)).system
        system.owner = "Imaging"
        try store.save(system, expectedVersion: nil)
        try store.delete(id: SystemID("b")!)
        try store.restore(id: SystemID("b")!)
        #expect(try store.verifyStoredRows() == "2 systems are not as the audit trail last recorded them "
            + "(entry 3 changes owner of 'a' from 'Mallory', but the entries before it left 'Radiology')")

        let other = try InventoryStore(inMemoryWith: .standard)
        _ = try other.importCSV(MemoryByteSource("id,name,owner\nb,B,Radiology\n"), file: "one.csv", today: today)
        try other.writer.write { db in try db.execute(sql: "UPDATE system SET owner = 'Mallory' WHERE id = 'b'") }
        try other.delete(id: SystemID("b")!)
        try other.restore(id: SystemID("b")!)
        #expect(try other.verifyStoredRows() == "1 system is not as the audit trail last recorded it "
            + "(entry 2 deletes 'b' as a record whose owner is 'Mallory', where the entries before it left 'Radiology')")
    }

    /// Before the scale work a whole record was a JSON object keyed by header; those lines stay
    /// as they were hashed, and replay as the CSV records written since do.
    @Test func wholeRecordsWrittenAsJSONObjectsStillReplay() throws {
        let store = try InventoryStore(inMemoryWith: .standard)
        _ = try store.importCSV(MemoryByteSource("id,name,notes\na,\"A, \"\"quoted\"\"\",\"two\nlines\"\n"), file: "one.csv", today: today)
        let system = try #require(try store.system(id: SystemID("a")!)).system
        let object = "{" + Column.allCases.map { column in
            "\(JSON.string(column.header)): \(JSON.string(FieldCodec.text(of: column, in: system)))"
        }.joined(separator: ", ") + "}"
        try store.writer.write { db in
            try db.execute(sql: "DROP TRIGGER audit_no_update")
            try db.execute(sql: "UPDATE audit SET new_value = ? WHERE system_id = 'a'", arguments: [object])
        }
        #expect(try store.verifyStoredRows() == nil)
        try store.writer.write { db in try db.execute(sql: "UPDATE system SET name = 'B' WHERE id = 'a'") }
        #expect(try store.verifyStoredRows() == "1 system is not as the audit trail last recorded it "
            + "(name of 'a' is 'B', the audit trail last recorded 'A, \"quoted\"')")
    }

    /// Another policy changes every score, maybe every tier: the trail keeps who gave it, when,
    /// and both policies' texts, in one entry about the whole inventory. A first policy, or the
    /// same one again, writes none.
    @Test func aRescoreUnderAnotherPolicyIsRecordedWithBothPolicies() throws {
        let path = temporaryDatabasePath()
        let alice = try InventoryStore(path: path, policy: .standard, user: "alice")
        _ = try alice.importCSV(MemoryByteSource("id,name\na,A\n"), file: "one.csv", today: today)
        let hospital = try builtInPolicy(renamed: "hospital-1")
        let bob = try InventoryStore(path: path, policy: hospital, user: "bob")
        _ = try InventoryStore(path: path, policy: hospital, user: "carol")
        let all = try entries(bob)
        #expect(all.map(\.action) == [.import, .update])
        let change = try #require(all.last)
        #expect(change.changesPolicy && change.user == "bob" && change.systemID == "" && change.field == "policy")
        #expect(change.oldValue == Policy.standard.sourceText && change.newValue == hospital.sourceText)
        #expect(change.scoreBefore == nil && change.scoreAfter == nil)
        #expect(try bob.verifyAudit().problem == nil)
        #expect(try bob.verifyStoredRows() == nil)
        #expect(try entries(bob, AuditQuery(systemID: "a")).count == 1)
    }

    /// With no policy recorded (taken out by hand), the inventory's systems were still scored
    /// under one: rescoring them is recorded, and verify holds the inventory to the policy the
    /// trail last recorded.
    @Test func theInventorysPolicyMustBeTheOneTheTrailLastRecorded() throws {
        let path = temporaryDatabasePath()
        let alice = try InventoryStore(path: path, policy: .standard, user: "alice")
        _ = try alice.importCSV(MemoryByteSource("id,name\na,A\n"), file: "one.csv", today: today)
        try alice.writer.write { db in try db.execute(sql: "DELETE FROM inventory_meta WHERE key IN ('policy_version', 'policy_text')") }
        let lenient = try builtInPolicy(renamed: "lenient")
        let bob = try InventoryStore(path: path, policy: lenient, user: "bob")
        let change = try #require(try entries(bob).last)
        #expect(change.changesPolicy && change.oldValue == nil && change.newValue == lenient.sourceText)
        #expect(try bob.verifyStoredRows() == nil)

        try bob.writer.write { db in
            try db.execute(sql: "UPDATE inventory_meta SET value = ? WHERE key = 'policy_text'", arguments: [Policy.standard.sourceText])
        }
        #expect(try bob.verifyStoredRows() == "the inventory's policy is not the one audit entry 2, its last rescore, recorded")
    }

    /// The list's tier column, counts and filters read the tier's rank: a critical system ranked
    /// low by hand would hide from the critical filter.
    @Test func aTierRankChangedByHandIsFound() throws {
        let store = try InventoryStore(inMemoryWith: .standard)
        _ = try store.importCSV(MemoryByteSource("id,name\na,A\n"), file: "one.csv", today: today)
        try store.writer.write { db in try db.execute(sql: "UPDATE system SET tier_rank = 0 WHERE id = 'a'") }
        #expect(try store.verifyStoredRows() == "1 stored score is not what its system's fields give under policy radrisk-2026.11 "
            + "('a' is stored at tier rank 0, where critical is rank 3)")
    }

    /// An accent written precomposed or not is the same text to Swift's `==`, not to SQLite: a
    /// change of only that is recorded, and verify compares the bytes.
    @Test func aChangeOfOnlyHowAnAccentIsEncodedIsRecorded() throws {
        let store = try InventoryStore(inMemoryWith: .standard)
        _ = try store.importCSV(MemoryByteSource("id,name\na,Caf\u{E9}\nb,Caf\u{E9}\n"), file: "one.csv", today: today)
        let again = try store.importCSV(MemoryByteSource("id,name\na,Cafe\u{301}\nb,Caf\u{E9}\n"), file: "two.csv", today: today)
        #expect((again.changed, again.unchanged) == (1, 1))
        var system = try #require(try store.system(id: SystemID("b")!)).system
        system.name = "Cafe\u{301}"
        try store.save(system, expectedVersion: 1)
        #expect(try entries(store).filter { $0.field == "name" }.map(\.systemID) == ["a", "b"])
        #expect(try store.verifyStoredRows() == nil)
        try store.writer.write { db in try db.execute(sql: "UPDATE system SET name = 'Caf\u{E9}' WHERE id = 'a'") }
        #expect(try store.verifyStoredRows()?.contains("name of 'a' is") == true)
    }

    /// Without --policy an import keeps the inventory's own, and is refused, as any change is,
    /// when another process rescored under another meanwhile: it must not rescore it back.
    @Test func anImportUnderTheInventorysOwnPolicyIsRefusedAfterARescoreElsewhere() throws {
        let path = temporaryDatabasePath()
        let alice = try InventoryStore(path: path, policy: nil, user: "alice")
        _ = try alice.importCSV(MemoryByteSource("id,name\na,A\n"), file: "one.csv", today: today)
        let hospital = try builtInPolicy(renamed: "hospital-1")
        _ = try InventoryStore(path: path, policy: hospital, user: "bob")
        #expect(throws: InventoryError.self) {
            try alice.importCSV(MemoryByteSource("id,name\nb,B\n"), file: "two.csv", today: today)
        }
        #expect(try alice.rescoredElsewhere() == "hospital-1")
        #expect(try entries(alice).last?.user == "bob")
    }

    /// A rescore in the import's transaction adds an entry: a --base past the newest entry before
    /// it is still refused.
    @Test func aBasePastTheNewestEntryIsRefusedBeforeARescoreAddsOne() throws {
        let path = temporaryDatabasePath()
        _ = try InventoryStore(path: path, policy: .standard).importCSV(MemoryByteSource("id,name\na,A\n"), file: "one.csv", today: today)
        let hospital = try builtInPolicy(renamed: "hospital-1")
        let store = try InventoryStore(path: path, policy: hospital, rescoring: .inEachImport)
        #expect(throws: InventoryError.unknownAuditEntry(sequence: 2, newest: 1)) {
            try store.importCSV(MemoryByteSource("id,name\na,B\n"), file: "one.csv", today: today, exportedAt: 2)
        }
        #expect(try entries(store).count == 1)
    }

    @Test func aFailedImportLeavesNoAuditLines() throws {
        let store = try InventoryStore(inMemoryWith: .standard)
        _ = try store.importCSV(MemoryByteSource("id,name\na,A\nb,\n"), file: "bad.csv", today: today)
        #expect(try entries(store).isEmpty)
        #expect(try store.auditPosition().head == String(repeating: "0", count: 64))
    }

    /// Stored hashes must stay what they were: this spells the canonical form out independently.
    @Test func eachHashIsSHA256OfTheEntryAsAJSONArrayAndThePreviousHash() throws {
        let store = try InventoryStore(inMemoryWith: .standard, user: "alice", clock: { "2026-11-25T10:00:00Z" })
        var system = ImagingSystem(id: SystemID("s1")!, name: "Stroke CT")
        try store.add(system)
        system.notes = "said \"no\"\tthen\nyes"
        try store.save(system, expectedVersion: 1)
        let all = try entries(store)
        let canonical = #"[2,"2026-11-25T10:00:00Z","alice",null,"update","s1","notes","","said \"no\"\tthen\nyes",863,863,"\#(all[0].hash)"]"#
        #expect(all[1].hash == SHA256.hash(data: Array(canonical.utf8)).map { String(format: "%02x", $0) }.joined())
    }

    @Test func aLoadIntoAnEmptyInventoryChainsALineForEverySystemInFileOrder() throws {
        let store = try InventoryStore(inMemoryWith: .standard)
        // More rows than one multi-row statement holds, and not a multiple of it.
        let ids = (1...150).map { "sys-\($0 * 7 % 151)" }
        let csv = "id,name,vendor,retention_days\n" + ids.map { "\($0),Name \($0),Vendor,\($0.count)\n" }.joined()
        let summary = try store.importCSV(MemoryByteSource(csv), file: "load.csv", today: today)
        #expect(summary.added == 150 && summary.committed)
        let all = try entries(store)
        #expect(all.map(\.systemID) == ids && all.map(\.sequence) == Array(1...150))
        #expect(try all.flatMap { try records($0.newValue) }.map(\.id.rawValue) == ids)
        #expect(try store.verifyAudit().problem == nil)
        #expect(try store.system(id: SystemID("sys-105")!)?.system.profile.retention == .days(7))
    }

    @Test func theTrailFiltersBySystemUserAndTime() throws {
        let store = try InventoryStore(inMemoryWith: .standard, user: "bob", clock: { "2026-11-25T10:00:00Z" })
        try store.add(ImagingSystem(id: SystemID("x")!, name: "X"))
        try store.add(ImagingSystem(id: SystemID("y")!, name: "Y"))
        #expect(try entries(store, AuditQuery(systemID: "y")).map(\.systemID) == ["y"])
        #expect(try entries(store, AuditQuery(user: "bob")).count == 2)
        #expect(try entries(store, AuditQuery(user: "carol")).isEmpty)
        #expect(try entries(store, AuditQuery(since: "2026-11-26")).isEmpty)
        #expect(try entries(store, AuditQuery(since: "2026-11-25")).count == 2)
    }
}
