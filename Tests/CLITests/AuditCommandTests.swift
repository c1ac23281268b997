import Foundation
import Testing

/// Tampering done the way an attacker with the file would: with sqlite3, behind the tool's back.
@Suite("radrisk audit")
struct AuditCommandTests {
    let database = RadRiskProcess.temporaryDirectory() + "/inventory.sqlite"

    func radrisk(_ arguments: [String]) throws -> RadRiskProcess.Result {
        try RadRiskProcess.run(arguments + ["--db", database])
    }

    func sqlite(_ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database, sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "sqlite3 failed: \(sql)")
    }

    /// Three systems and two edits: five entries.
    func honestHistory() throws {
        let csv = "id,name\na,Alpha\nb,Beta\nc,Gamma\n"
        #expect(try RadRiskProcess.run(["import", "-", "--db", database], stdin: csv).status == 0)
        #expect(try radrisk(["edit", "a", "--set", "vendor=Acme"]).status == 0)
        #expect(try radrisk(["edit", "b", "--set", "breaches_3y=2"]).status == 0)
    }

    @Test func sinceTakesOnlyARealDate() throws {
        try honestHistory()
        let refused = try radrisk(["audit", "--since", "2026-02-30"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--since takes a real date YYYY-MM-DD, not '2026-02-30'"))
        #expect(try radrisk(["audit", "--since", "2026-02-28"]).status == 0)
        #expect(try radrisk(["audit", "--since", "2026-02-28T00:00:00Z"]).status == 0)
    }

    @Test func oneEntryIsCountedInTheSingular() throws {
        #expect(try RadRiskProcess.run(["import", "-", "--db", database], stdin: "id,name\na,Alpha\n").status == 0)
        let verify = try radrisk(["audit", "verify"])
        #expect(verify.status == 0)
        #expect(verify.stdout.hasPrefix("audit trail verified: 1 entry\n"), "\(verify.stdout)")
    }

    @Test func honestHistoryVerifiesAndPrintsTheHead() throws {
        try honestHistory()
        let verify = try radrisk(["audit", "verify"])
        #expect(verify.status == 0)
        #expect(verify.stdout.contains("audit trail verified: 5 entries"))
        let head = try #require(verify.stdout.split(separator: "\n").last?.split(separator: " ").last)
        let json = try radrisk(["export", "--format", "json"])
        #expect(json.stdout.contains("\"audit_head\": \"\(head)\""))
        let csv = try radrisk(["export"])
        #expect(csv.stderr.contains("audit head \(head)"))
        let list = try radrisk(["audit", "--system", "b"])
        #expect(list.stdout.contains("breaches_3y") && list.stdout.contains("unknown -> 2"))
        let asCSV = try radrisk(["audit", "list", "--format", "csv", "--user", ProcessInfo.processInfo.userName])
        #expect(asCSV.stdout.split(separator: "\r\n").count == 6)
    }

    @Test func theTableRefusesChangesThroughSQLite() throws {
        try honestHistory()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database, "DELETE FROM audit WHERE sequence = 2"]
        process.standardError = Pipe()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
    }

    @Test func anAlteredEntryIsNamed() throws {
        try honestHistory()
        try sqlite("DROP TRIGGER audit_no_update; UPDATE audit SET new_value = 'Evil' WHERE sequence = 4")
        let verify = try radrisk(["audit", "verify"])
        #expect(verify.status == 65)
        #expect(verify.stderr.contains("entry 4 was altered"))
    }

    @Test func aDeletedEntryIsNamed() throws {
        try honestHistory()
        try sqlite("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE sequence = 2")
        let verify = try radrisk(["audit", "verify"])
        #expect(verify.status == 65)
        #expect(verify.stderr.contains("entry 2 is missing"))
    }

    @Test func anInsertedEntryIsNamed() throws {
        try honestHistory()
        try sqlite("""
            DROP TRIGGER audit_no_update;
            UPDATE audit SET sequence = -sequence WHERE sequence >= 3;
            UPDATE audit SET sequence = 1 - sequence WHERE sequence < 0;
            INSERT INTO audit (sequence, time, user, action, system_id, previous_hash, hash)
            SELECT 3, time, user, 'update', 'c', hash, hash FROM audit WHERE sequence = 2;
            """)
        let verify = try radrisk(["audit", "verify"])
        #expect(verify.status == 65)
        #expect(verify.stderr.contains("entry 3"))
    }

    @Test func removingTheNewestEntriesIsDetectedAgainstTheRecordedHead() throws {
        try honestHistory()
        try sqlite("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE sequence >= 4")
        let verify = try radrisk(["audit", "verify"])
        #expect(verify.status == 65)
        #expect(verify.stderr.contains("newest entries were deleted"))
    }
}
