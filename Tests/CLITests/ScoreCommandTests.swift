import Foundation
import Testing

@Suite("radrisk score")
struct ScoreCommandTests {
    @Test func scoresTheSampleIntoAllFourTiers() throws {
        let result = try RadRiskProcess.run(["score", RadRiskProcess.sample("inventory.csv")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let lines = result.stdout.split(separator: "\r\n")
        #expect(lines.first?.hasPrefix("id,name,vendor,") == true)
        #expect(lines.first?.hasSuffix("risk_score,risk_tier,risk_vector,policy_version,score_data_locality,score_vendor_sharing,score_encryption_at_rest,score_encryption_in_transit,score_retention,score_unlearning,score_output_exposure,score_image_integrity,score_deidentification,score_access_control,score_patient_consent,score_breaches,escalations,findings") == true)
        #expect(lines.count == 49)
        for tier in ["low", "moderate", "high", "critical"] {
            #expect(result.stdout.contains(",\(tier),RRV1/"), "no \(tier) system")
        }
    }

    @Test func theBrokenSampleExits65AndNamesEveryBadRow() throws {
        let file = RadRiskProcess.sample("broken-inventory.csv")
        let result = try RadRiskProcess.run(["score", file])
        #expect(result.status == 65)
        let expected = [
            "broken-inventory.csv:3:10: error: data_locality 'cloud' is not allowed",
            "broken-inventory.csv:4:15: error: retention_days '-5' is not allowed",
            "broken-inventory.csv:5:15: error: retention_days 'forever' is not allowed",
            "broken-inventory.csv:7:22: error: breaches_3y '1001' is not allowed",
            "broken-inventory.csv:8:23: error: last_reviewed '2025-02-30' is not a real calendar date",
            "broken-inventory.csv:9:23: error: last_reviewed '2031-01-01' is in the future",
            "broken-inventory.csv:10:1: error: id 'NHP-CT-101' is used again (first on line 2)",
            "broken-inventory.csv:11:1: error: id 'NHP CT 9' is not allowed",
            "broken-inventory.csv:13:2: error: name '' is empty",
            "broken-inventory.csv:14:5: error: modality 'XR' has 'XR', not a DICOM modality code",
            "broken-inventory.csv:15: error: record has 25 fields, the header has 24",
        ]
        for line in expected {
            #expect(result.stderr.contains(line), "missing: \(line)\n\(result.stderr)")
        }
        #expect(result.stderr.contains("11 errors in 11 records"))
        // The valid rows are still scored.
        #expect(result.stdout.split(separator: "\r\n").count == 5)
    }

    /// A file that is not an inventory gets its error alone: output that starts a document would
    /// look to a script like the assessment of an inventory that holds no systems.
    @Test(arguments: ["csv", "json", "table"])
    func aFileThatIsNoInventoryPrintsNothingButItsError(format: String) throws {
        let empty = try RadRiskProcess.run(["score", "-", "--format", format], stdin: "")
        #expect(empty.status == 65)
        #expect(empty.stdout.isEmpty)
        #expect(empty.stderr == "-:1: error: the file is empty; a header row is required\n1 error in 0 records\n")
        let other = try RadRiskProcess.run(["score", "-", "--format", format], stdin: "id,title\n1,x\n")
        #expect(other.status == 65)
        #expect(other.stdout.isEmpty)
        #expect(other.stderr.contains("-:1: error: the header has no 'name' column; 'name' is required"))
        let noSystems = try RadRiskProcess.run(["score", "-", "--format", format], stdin: "id,name\n")
        #expect(noSystems.status == 0)
        #expect(!noSystems.stdout.isEmpty)
    }

    /// Standard input redirected from a file is read in chunks from where it stands, as a pipe
    /// is read from its start: here a first line is read by the shell, and scoring starts after it.
    @Test func standardInputFromAFileReadPartWayIsScoredFromWhereItStands() throws {
        let sample = RadRiskProcess.sample("inventory.csv")
        let fromFile = try RadRiskProcess.run(["score", sample])
        let fromPipe = try RadRiskProcess.run(["-c", "cat \"$1\" | \"$0\" score -", RadRiskProcess.executable.path, sample], shell: true)
        let redirected = try RadRiskProcess.run(["-c", "exec \"$0\" score - < \"$1\"", RadRiskProcess.executable.path, sample], shell: true)
        #expect(fromFile.status == 0 && fromFile.stdout.split(separator: "\r\n").count > 40)
        #expect(fromPipe.stdout == fromFile.stdout && redirected.stdout == fromFile.stdout)
        let withoutHeader = try RadRiskProcess.run(
            ["-c", "{ read -r header; exec \"$0\" score -; } < \"$1\"", RadRiskProcess.executable.path, sample], shell: true)
        // The first system's row now stands as the header, and names no contract column.
        #expect(withoutHeader.status == 65)
        #expect(withoutHeader.stderr.contains("-:1: error: the header has no 'id' column"))
    }

    @Test func readsStandardInputAndPrintsATable() throws {
        let csv = "id,name,vendor,vendor_sharing,encryption_in_transit\nx1,Evil \u{1B}[31mName,V,identifiable,legacy_tls\n"
        let result = try RadRiskProcess.run(["score", "-", "--format", "table"], stdin: csv)
        #expect(result.status == 65)
        #expect(result.stderr.contains("-:2:2: error: name 'Evil \\u{1B}[31mName' contains the control character \\u{1B}"))
        let ok = try RadRiskProcess.run(
            ["score", "-", "--format", "table"], stdin: "id,name,vendor_sharing,encryption_in_transit\nx1,Fine,identifiable,legacy_tls\n")
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("critical"))
        #expect(!ok.stdout.contains("\u{1B}"))
    }

    @Test func jsonOutputIsValidJSON() throws {
        let result = try RadRiskProcess.run(["score", RadRiskProcess.sample("inventory.csv"), "--format", "json"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let systems = try #require(object?["systems"] as? [[String: Any]])
        #expect(systems.count == 48)
        #expect(object?["policy_version"] as? String == "radrisk-2026.11")
        #expect(systems.allSatisfy { $0["risk_vector"] is String && $0["scores"] is [String: Any] })
    }

    @Test func aMissingFileExits66AndBadUsage64() throws {
        let missing = try RadRiskProcess.run(["score", "/nonexistent/inventory.csv"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("/nonexistent/inventory.csv: No such file or directory"))
        let usage = try RadRiskProcess.run(["score", "x.csv", "--format", "xml"])
        #expect(usage.status == 64)
        #expect(try RadRiskProcess.run(["frobnicate"]).status == 64)
    }

    @Test func anInvalidPolicyFileIsRefusedWithItsLine() throws {
        let directory = RadRiskProcess.temporaryDirectory()
        let policy = directory + "/policy.toml"
        let original = try RadRiskProcess.run(["policy"]).stdout
        try original.replacing("data_locality = 12", with: "data_locality = twelve").write(toFile: policy, atomically: true, encoding: .utf8)
        let result = try RadRiskProcess.run(["score", RadRiskProcess.sample("inventory.csv"), "--policy", policy])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(policy):"))
        #expect(result.stderr.contains("TOML syntax error") || result.stderr.contains("must be a whole number"))
        let check = try RadRiskProcess.run(["policy", "--check", policy])
        #expect(check.status == 65)
    }
}
