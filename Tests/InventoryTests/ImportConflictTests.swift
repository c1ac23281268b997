import Foundation
import Inventory
import InventoryFiles
import RiskModel
import Testing

/// Re-importing an exported file while others keep saving: their changes are never silently undone.
@Suite("Import conflicts")
struct ImportConflictTests {
    /// Alice and Bob on one database file; Alice exported `export.csv` when the inventory held a, b, c.
    struct TwoOfficers {
        let alice: InventoryStore
        let bob: InventoryStore
        let exportPath: String
        let exported: String

        init() throws {
            let database = temporaryDatabasePath()
            alice = try InventoryStore(path: database, policy: .standard, user: "alice")
            bob = try InventoryStore(path: database, policy: .standard, user: "bob")
            _ = try alice.importCSV(
                MemoryByteSource("id,name,vendor\na,A,V\nb,B,V\nc,C,V\n"), file: "first.csv", today: today)
            exportPath = URL(fileURLWithPath: database).deletingLastPathComponent().appendingPathComponent("export.csv").path
            try alice.export(InventoryQuery(sort: .id, descending: false), format: .csv, toFile: exportPath)
            exported = try String(contentsOfFile: exportPath, encoding: .utf8)
        }

        func bobSaves(_ id: String, vendor: String) throws {
            var system = try #require(try bob.system(id: SystemID(id)!)).system
            system.vendor = vendor
            _ = try bob.save(system, expectedVersion: nil)
        }

        /// The exported file with rows' vendors changed, as Alice would in a spreadsheet.
        func exportWith(_ vendors: [String: String]) -> String {
            exported.components(separatedBy: "\r\n").map { line in
                guard let id = line.split(separator: ",").first, let vendor = vendors[String(id)] else { return line }
                return line.replacing(",V,", with: ",\(vendor),")
            }.joined(separator: "\r\n")
        }

        /// As `radrisk import export.csv` does: checked against the file's recorded export, and
        /// recorded as of the import when it commits.
        func aliceImports(_ text: String, force: Bool = false) throws -> ImportSummary {
            let base = try alice.exportRecord(forFile: exportPath)?.auditSequence
            return try alice.importCSV(
                MemoryByteSource(text), file: "export.csv", today: today, exportedAt: base, force: force, recordedFile: exportPath)
        }

        func vendor(_ id: String) throws -> String? { try alice.system(id: SystemID(id)!)?.system.vendor }
    }

    @Test func anExportToAFileIsRecordedWithTheAuditPositionItShows() throws {
        let officers = try TwoOfficers()
        let record = try #require(try officers.alice.exportRecord(forFile: officers.exportPath))
        #expect(record.auditSequence == 3)
        #expect(record.exportedBy == "alice")
        #expect(try officers.alice.auditPosition().sequence == 3)
    }

    @Test func anEditInTheFileAndAnotherOfficersSaveOnOtherSystemsBothSurvive() throws {
        let officers = try TwoOfficers()
        try officers.bobSaves("b", vendor: "Bob's")
        let summary = try officers.aliceImports(officers.exportWith(["a": "Alice's"]))
        #expect(summary.committed)
        #expect((summary.changed, summary.unchanged, summary.keptSaved) == (1, 1, 1))
        #expect(try officers.vendor("a") == "Alice's")
        #expect(try officers.vendor("b") == "Bob's")
        let warning = try #require(summary.issues.kept.first)
        #expect(warning.severity == .warning && warning.line == 3)
        #expect(warning.description.contains("'b' was changed by bob"))
    }

    @Test func bothChangingOneSystemIsAConflictAndNothingIsImported() throws {
        let officers = try TwoOfficers()
        try officers.bobSaves("b", vendor: "Bob's")
        let before = try exportCSV(officers.alice)
        let text = officers.exportWith(["a": "Alice's", "b": "Alice's"])
        let summary = try officers.aliceImports(text)
        #expect(!summary.committed)
        #expect(summary.issues.errorCount == 1)
        let conflict = try #require(summary.issues.kept.first { $0.severity == .error })
        #expect(conflict.line == 3)
        #expect(conflict.description.contains("conflict: 'b' was changed (vendor) by bob"))
        #expect(conflict.description.contains("--force"))
        #expect(try exportCSV(officers.alice) == before)
    }

    /// Forced, a conflict is overwritten; a row the file still holds as exported is not, for
    /// nobody asked to undo that change.
    @Test func forceOverwritesAConflictButKeepsChangesTheFileDoesNotMake() throws {
        let officers = try TwoOfficers()
        try officers.bobSaves("b", vendor: "Bob's")
        try officers.bobSaves("c", vendor: "Bob's")
        let summary = try officers.aliceImports(officers.exportWith(["b": "Alice's"]), force: true)
        #expect(summary.committed)
        #expect((summary.changed, summary.keptSaved) == (1, 1))
        #expect(try officers.vendor("b") == "Alice's")
        #expect(try officers.vendor("c") == "Bob's")
    }

    /// The spreadsheet loop: import the file, edit it again, import it again. The second import
    /// is checked against changes saved after the first, not against the first itself.
    @Test func aFileImportedIsCheckedNextTimeAgainstChangesSavedSinceItsImport() throws {
        let officers = try TwoOfficers()
        #expect(try officers.aliceImports(officers.exportWith(["a": "Alice's"])).committed)
        #expect(try officers.alice.exportRecord(forFile: officers.exportPath)?.auditSequence == 4)
        let again = try officers.aliceImports(officers.exportWith(["a": "Alice's again"]))
        #expect(again.committed && again.issues.kept.isEmpty)
        #expect(try officers.vendor("a") == "Alice's again")

        try officers.bobSaves("a", vendor: "Bob's")
        let third = try officers.aliceImports(officers.exportWith(["a": "Alice's third"]))
        #expect(!third.committed)
        #expect(third.issues.kept.contains { $0.description.contains("conflict: 'a' was changed (vendor) by bob") })
    }

    /// A file with a row kept as saved is older than the inventory there: recorded as of now, its
    /// next import would undo the newer change.
    @Test func aFileWithARowKeptAsSavedKeepsItsExportPosition() throws {
        let officers = try TwoOfficers()
        try officers.bobSaves("b", vendor: "Bob's")
        let summary = try officers.aliceImports(officers.exportWith(["a": "Alice's"]))
        #expect(summary.committed && summary.keptSaved == 1)
        #expect(try officers.alice.exportRecord(forFile: officers.exportPath)?.auditSequence == 3)
        #expect(try officers.aliceImports(officers.exportWith(["a": "Alice's"])).keptSaved == 1)
        #expect(try officers.vendor("b") == "Bob's")
    }

    @Test func aSystemDeletedSinceTheExportAndEditedInTheFileIsAConflict() throws {
        let officers = try TwoOfficers()
        try officers.bob.delete(id: SystemID("c")!)
        let summary = try officers.aliceImports(officers.exportWith(["c": "Alice's"]))
        #expect(!summary.committed)
        #expect(summary.issues.kept.contains { $0.description.contains("conflict: 'c' was changed by bob") })
    }

    @Test func aBasePastTheNewestAuditEntryIsRefusedRatherThanCheckingNothing() throws {
        let officers = try TwoOfficers()
        try officers.bobSaves("a", vendor: "Bob's")
        let newest = try officers.alice.auditPosition().sequence
        let edited = officers.exportWith(["a": "Alice's"])
        #expect(throws: InventoryError.unknownAuditEntry(sequence: newest + 1, newest: newest)) {
            try officers.alice.importCSV(MemoryByteSource(edited), file: "export.csv", today: today, exportedAt: newest + 1)
        }
        #expect(throws: InventoryError.unknownAuditEntry(sequence: -1, newest: newest)) {
            try officers.alice.importCSV(MemoryByteSource(edited), file: "export.csv", today: today, exportedAt: -1)
        }
        #expect(try officers.vendor("a") == "Bob's")
    }

    @Test func reimportingTheAppliedFileFindsNothingToDo() throws {
        let officers = try TwoOfficers()
        let edited = officers.exportWith(["a": "Alice's"])
        _ = try officers.aliceImports(edited)
        let again = try officers.aliceImports(edited)
        #expect(again.committed && again.issues.kept.isEmpty)
        #expect((again.changed, again.unchanged) == (0, 3))
    }

    @Test func aRowThatWouldChangeAnArchivedSystemIsRefusedAndOneThatWouldNotIsUnchanged() throws {
        let store = try InventoryStore(path: temporaryDatabasePath(), policy: .standard)
        _ = try store.importCSV(MemoryByteSource("id,name,vendor\na,A,V\nb,B,V\n"), file: "first.csv", today: today)
        try store.delete(id: SystemID("b")!)
        let changing = try store.importCSV(MemoryByteSource("id,name,vendor\na,A,V\nb,B,Other\n"), file: "again.csv", today: today)
        #expect(!changing.committed)
        #expect(changing.issues.kept.map(\.description).first?.hasPrefix("again.csv:3: error: 'b' was deleted at ") == true)
        #expect(changing.issues.kept.first?.message.contains("is archived, and this row changes it; `radrisk restore b`") == true)
        #expect(try store.system(id: SystemID("b")!)?.system.vendor == "V")
        let same = try store.importCSV(MemoryByteSource("id,name,vendor\na,A,V\nb,B,V\n"), file: "same.csv", today: today)
        #expect(same.committed && same.issues.kept.isEmpty)
        #expect((same.changed, same.unchanged) == (0, 2))
    }
}
