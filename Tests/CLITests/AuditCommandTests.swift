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
        #expect(refused.stderr.contains("--since takes a real UTC date YYYY-MM-DD or time YYYY-MM-DDTHH:MM[:SS][Z], not '2026-02-30'"))
        #expect(try radrisk(["audit", "--since", "2026-02-28"]).status == 0)
        #expect(try radrisk(["audit", "--since", "2026-02-28T00:00:00Z"]).status == 0)
        for wrong in ["2026-02-28x", "2026-02-28T24:00", "2026-02-28T+1:00", "2026-02-28T10:00+02:00"] {
            #expect(try radrisk(["audit", "--since", wrong]).status == 64, "\(wrong)")
        }
    }

    @Test func sinceATimeComparesTheTimeNotOnlyTheDate() throws {
        try honestHistory()
        let csv = try radrisk(["audit", "list", "--format", "csv"]).stdout
        let stamp = try #require(csv.split(separator: "\r\n").dropFirst().first?.split(separator: ",")[1])
        let (date, time) = (stamp.prefix(10), stamp.dropFirst(11).prefix(8))
        func entries(since: String) throws -> Int {
            try radrisk(["audit", "list", "--format", "csv", "--since", since]).stdout.split(separator: "\r\n").count - 1
        }
        #expect(try entries(since: String(date)) == 5)
        #expect(try entries(since: "\(date) \(time)") == 5)
        #expect(try entries(since: "\(date)T\(time.prefix(5))Z") == 5)
        if time != "23:59:59" {
            #expect(try entries(since: "\(date)T23:59:59Z") == 0)
            #expect(try entries(since: "\(date) 23:59:59") == 0)
        }
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
        // The sequence is a number, as a script compares it.
        let exported = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(exported?["audit_sequence"] as? Int == 5)
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
        #expect(verify.stderr.contains("the trail ends at entry 3, but its newest entry was recorded as"))
    }

    /// An entry chained on properly, but past the head its change recorded, proves nothing: only
    /// the entries up to the recorded head are counted as verified.
    @Test func entriesChainedOnPastTheRecordedHeadAreNotCountedAsVerified() throws {
        try honestHistory()
        let honest = try radrisk(["audit", "verify"]).stdout
        let head = try #require(honest.split(separator: "\n").first { $0.hasPrefix("head ") }).dropFirst(5)
        let entries = try #require(honest.split(separator: " ").dropFirst(3).first.flatMap { Int($0) })
        _ = try radrisk(["edit", "c", "--set", "vendor=Later"])
        try sqlite("UPDATE inventory_meta SET value = '\(head)' WHERE key = 'audit_head'")
        let verify = try radrisk(["audit", "verify"])
        #expect(verify.status == 65)
        #expect(verify.stderr.contains(
            "the trail runs on past entry \(entries), its newest entry as recorded, to entry \(entries + 1): entries were added at "
                + "its end; the first \(entries) entries verify, up to head \(head)"), "\(verify.stderr)")
    }

    @Test func noChangeIsChainedOntoATrailCutBehindTheToolsBack() throws {
        // Chained on, the next change would record a new head that the cut trail agrees with,
        // and verification would pass again.
        try honestHistory()
        try sqlite("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE sequence >= 4")
        let edit = try radrisk(["edit", "c", "--set", "vendor=Later"])
        #expect(edit.status == 65)
        #expect(edit.stderr.contains("the audit trail was changed outside radrisk (the trail ends at entry 3"))
        #expect(edit.stderr.contains("nothing was saved"))
        #expect(!(try radrisk(["show", "c"]).stdout.contains("Later")))
        let imported = try RadRiskProcess.run(["import", "-", "--db", database], stdin: "id,name\nd,Delta\n")
        #expect(imported.status == 65)
        let verify = try radrisk(["audit", "verify"])
        #expect(verify.status == 65)
        #expect(verify.stderr.contains("the trail ends at entry 3"))
    }

    @Test func aTrailDeletedWithItsRecordedHeadIsStillDetected() throws {
        try honestHistory()
        try sqlite("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE sequence >= 4; DELETE FROM inventory_meta WHERE key = 'audit_head'")
        let cut = try radrisk(["audit", "verify"])
        #expect(cut.status == 65)
        #expect(cut.stderr.contains("the trail runs to entry 3, but the record of its newest entry is gone"))
        try sqlite("DELETE FROM audit")
        let emptied = try radrisk(["audit", "verify"])
        #expect(emptied.status == 65)
        #expect(emptied.stderr.contains("the inventory holds systems but the trail and the record of its newest entry are gone"))
    }

    @Test func textHiddenAfterANulByteIsFound() throws {
        try honestHistory()
        try sqlite("DROP TRIGGER audit_no_update; UPDATE audit SET new_value = new_value || char(0) || 'hidden' WHERE sequence = 4")
        let verify = try radrisk(["audit", "verify"])
        #expect(verify.status == 65)
        #expect(verify.stderr.contains("entry 4 was altered"))
    }

    @Test func aSystemRowChangedBehindTheToolsBackIsFoundByItsScore() throws {
        // The audit chain cannot see the system table; a stored score that its fields do not give
        // shows a row changed outside radrisk, whether the score itself or a field was changed.
        try honestHistory()
        #expect(try radrisk(["audit", "verify"]).status == 0)
        try sqlite("UPDATE system SET risk_score_tenths = 5, risk_tier = 'low', tier_rank = 0 WHERE id = 'a'")
        let score = try radrisk(["audit", "verify"])
        #expect(score.status == 65)
        #expect(score.stderr.contains("systems were changed outside radrisk: 1 stored score is not what its system's fields give under policy radrisk-2026.11 ('a' is stored at 0.5 low, its fields give "))
        try sqlite("UPDATE system SET risk_score_tenths = (SELECT risk_score_tenths FROM system WHERE id = 'c'), risk_tier = (SELECT risk_tier FROM system WHERE id = 'c'), tier_rank = (SELECT tier_rank FROM system WHERE id = 'c') WHERE id = 'a'; UPDATE system SET data_locality = 'on_premises' WHERE id = 'c'")
        let field = try radrisk(["audit", "verify"])
        #expect(field.status == 65)
        #expect(field.stderr.contains("1 stored score is not what its system's fields give"))
        #expect(field.stderr.contains("('c' is stored at"))
        try sqlite("UPDATE system SET data_locality = 'unknown' WHERE id = 'c'; UPDATE system SET policy_version = 'lenient' WHERE id = 'b'")
        let policy = try radrisk(["audit", "verify"])
        #expect(policy.status == 65)
        #expect(policy.stderr.contains("('b' is stored as scored under policy 'lenient')"), "\(policy.stderr)")
    }

    /// A change that leaves the score alone is found by replaying the trail: each system's fields,
    /// and whether it is deleted, must be what its entries last recorded, and every row must have
    /// entries, every system in the trail a row.
    @Test(arguments: [
        ("UPDATE system SET notes = 'rewritten' WHERE id = 'b'", "notes of 'b' is 'rewritten', the audit trail last recorded '')"),
        ("UPDATE system SET vendor = 'Other' WHERE id = 'a'", "vendor of 'a' is 'Other', the audit trail last recorded 'Acme')"),
        ("UPDATE system SET archived_at = '2026-11-27T00:00:00Z' WHERE id = 'c'", "'c' is deleted in the inventory, active in the audit trail)"),
        ("DELETE FROM system WHERE id = 'c'", "'c' is in the audit trail, not in the inventory)"),
        ("""
            INSERT INTO system (id, name, vendor, product_version, modality, clinical_use, site, owner, regulatory_status,
                data_locality, vendor_sharing, vendor_training_use, encryption_at_rest, encryption_in_transit, retention_days,
                unlearning, output_exposure, image_integrity, deidentification, access_control, patient_consent, breaches_3y,
                notes, risk_score_tenths, risk_tier, tier_rank, policy_version, created_at, updated_at, updated_by)
            SELECT 'z', name, vendor, product_version, modality, clinical_use, site, owner, regulatory_status,
                data_locality, vendor_sharing, vendor_training_use, encryption_at_rest, encryption_in_transit, retention_days,
                unlearning, output_exposure, image_integrity, deidentification, access_control, patient_consent, breaches_3y,
                notes, risk_score_tenths, risk_tier, tier_rank, policy_version, created_at, updated_at, updated_by
            FROM system WHERE id = 'c'
            """, "'z' is in the inventory, with no audit entry)"),
        // What a row says of its own history: by whom and when it was made and last saved, and
        // how many saves it has had.
        ("UPDATE system SET updated_by = 'alice' WHERE id = 'c'", "updated_by of 'c' is 'alice', the audit trail recorded '"),
        ("UPDATE system SET updated_at = '2020-01-01T00:00:00Z' WHERE id = 'c'", "updated_at of 'c' is '2020-01-01T00:00:00Z', the audit trail recorded '"),
        ("UPDATE system SET created_at = '2020-01-01T00:00:00Z' WHERE id = 'c'", "created_at of 'c' is '2020-01-01T00:00:00Z', the audit trail recorded '"),
        ("UPDATE system SET version = 1 WHERE id = 'c'", "'c' is at version 1, its audit entries record 2 saves)"),
        ("UPDATE system SET version = 7 WHERE id = 'c'", "'c' is at version 7, its audit entries record 2 saves)"),
    ])
    func aSystemRowChangedWithoutMovingItsScoreIsFoundByReplayingTheTrail(change: String, found: String) throws {
        try honestHistory()
        #expect(try radrisk(["edit", "c", "--set", "owner=Radiology"]).status == 0)
        #expect(try radrisk(["audit", "verify"]).status == 0)
        try sqlite(change)
        let verify = try radrisk(["audit", "verify"])
        #expect(verify.status == 65)
        #expect(verify.stderr.contains("systems were changed outside radrisk: 1 system is not as the audit trail last recorded it (\(found)"), "\(verify.stderr)")
    }

    @Test func theHistoryOfASystemThatWasNeverThereIsAnErrorNotAnEmptyList() throws {
        try honestHistory()
        let unknown = try radrisk(["audit", "--system", "nosuch"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("no system with id 'nosuch' in the inventory"))
        let invalid = try radrisk(["audit", "--system", "bad id!"])
        #expect(invalid.status == 65)
        #expect(invalid.stderr.contains("'bad id!' is not a system id"))
        #expect(try radrisk(["audit", "--system", "a"]).stdout.contains("Acme"))
    }

    @Test func theTableGivesASavesScoreChangeOnceNotBesideEveryField() throws {
        try honestHistory()
        #expect(try radrisk(["edit", "c", "--set", "data_locality=on_premises", "--set", "notes=two fields"]).status == 0)
        let lines = try radrisk(["audit", "--system", "c"]).stdout.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.filter { $0.contains("(the save: score ") }.count == 1)
    }

    @Test func theJSONTrailGivesNumbersAsNumbersAndAbsentValuesAsNull() throws {
        try honestHistory()
        let output = try radrisk(["audit", "list", "--format", "json"]).stdout
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let entries = try #require(document["entries"] as? [[String: Any]])
        #expect(entries.count == 5)
        #expect(entries[0]["sequence"] as? Int == 1)
        #expect(entries[0]["field"] is NSNull)
        #expect(entries[0]["score_before"] is NSNull)
        #expect(entries[0]["score_after"] as? Double == 86.3)
        #expect(entries[3]["field"] as? String == "vendor")
        #expect(entries[3]["old_value"] as? String == "")
    }
}
