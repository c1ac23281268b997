import Foundation
import Testing

@Suite("radrisk import, export, list, show, edit")
struct InventoryCommandTests {
    let database = RadRiskProcess.temporaryDirectory() + "/inventory.sqlite"

    func radrisk(_ arguments: [String], stdin: String? = nil) throws -> RadRiskProcess.Result {
        try RadRiskProcess.run(arguments + ["--db", database], stdin: stdin)
    }

    @Test func importThenExportThenImportThenExportIsByteIdentical() throws {
        let imported = try radrisk(["import", RadRiskProcess.sample("inventory.csv")])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("48 added, 0 changed, 0 unchanged"))
        let first = try radrisk(["export"])
        #expect(first.status == 0)
        let other = RadRiskProcess.temporaryDirectory() + "/other.sqlite"
        let reimport = try RadRiskProcess.run(["import", "-", "--db", other], stdin: first.stdout)
        #expect(reimport.status == 0, "\(reimport.stderr)")
        #expect(reimport.stderr.isEmpty)
        let second = try RadRiskProcess.run(["export", "--db", other])
        #expect(second.stdout == first.stdout)
    }

    @Test func commandsThatReadSystemsRefuseAnInventoryThatIsNotThereInsteadOfMakingOne() throws {
        for command in [["list"], ["export"], ["show", "s1"], ["audit"], ["audit", "verify"], ["edit", "s1", "--set", "vendor=V"], ["restore", "s1"]] {
            let result = try radrisk(command)
            #expect(result.status == 66, "\(command)")
            #expect(result.stderr.contains("inventory.sqlite: there is no inventory here; `radrisk init --db"), "\(command)")
            #expect(!FileManager.default.fileExists(atPath: database), "\(command)")
        }
        let dryRun = try radrisk(["import", RadRiskProcess.sample("inventory.csv"), "--dry-run"])
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(dryRun.stdout.contains("dry run, nothing written; would be 48 added, 0 changed, 0 unchanged"))
        #expect(!FileManager.default.fileExists(atPath: database))
        #expect(try radrisk(["init"]).status == 0)
        #expect(try radrisk(["list"]).status == 0)
    }

    @Test func whileAFirstImportFillsANewInventoryAReaderWaitsForIt() throws {
        // The reader starts once the import holds the new file (sqlite3 finds it locked), and must
        // wait rather than fail at once or list an inventory still empty. 20,000 rows keep a debug
        // build's import busy for a few seconds.
        let file = RadRiskProcess.temporaryDirectory() + "/many.csv"
        try ("id,name\n" + (1...20_000).map { "r\($0),Row \($0)\n" }.joined()).write(toFile: file, atomically: true, encoding: .utf8)
        let script = """
            "$0" import "$2" --db "$1" > /dev/null &
            seen=no
            for attempt in $(seq 500); do
                sqlite3 -readonly "$1" 'SELECT count(*) FROM sqlite_master' 2>&1 | grep -q locked && { seen=yes; break; }
                sleep 0.01
            done
            echo "locked seen: $seen"
            "$0" list --db "$1" > "$1.list"; status=$?; echo "listed: $(tail -n +2 "$1.list" | wc -l)"; wait; exit $status
            """
        let listed = try RadRiskProcess.run(["-c", script, RadRiskProcess.executable.path, database, file], shell: true)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("locked seen: yes"))
        #expect(listed.stdout.contains("listed: 20000"), "\(listed.stdout)")
    }

    @Test func anImportFromASlowPipeDoesNotHoldTheInventoryWhileItWaits() throws {
        // The pipe pauses for 3 s after its first row; an edit meanwhile must not wait for it.
        _ = try radrisk(["import", "-"], stdin: "id,name\ns1,One\n")
        let script = """
            ( printf 'id,name\\na,A\\n'; sleep 3; printf 'b,B\\n' ) | "$0" import - --db "$1" &
            importing=$!
            sleep 0.5
            "$0" edit s1 --set notes=meanwhile --db "$1" || exit 1
            kill -0 $importing 2>/dev/null && echo "edit saved while the import waited for its input"
            wait $importing
            """
        let result = try RadRiskProcess.run(["-c", script, RadRiskProcess.executable.path, database], shell: true)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("edit saved while the import waited for its input"))
        #expect(result.stdout.contains("-: 2 added, 0 changed, 0 unchanged"))
        #expect(try radrisk(["show", "s1"]).stdout.contains("meanwhile"))
    }

    @Test func anImportBaseThatIsNoAuditEntryIsRefused() throws {
        _ = try radrisk(["import", "-"], stdin: "id,name,vendor\ns1,S,V\n")
        let refused = try radrisk(["import", "-", "--base", "99999"], stdin: "id,name,vendor\ns1,S,Changed\n")
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("the inventory has no audit entry 99999 (its entries run from 0, before the first change, to 1)"))
        #expect(try radrisk(["show", "s1"]).stdout.contains("V"))
        #expect(!(try radrisk(["show", "s1"]).stdout.contains("Changed")))
    }

    /// With standard input closed, the copy an import makes of it would take descriptor 0 and
    /// read itself back as an empty file.
    @Test func anImportFromAClosedStandardInputFailsAsAScoreDoes() throws {
        let closed = ["-c", "exec \"$0\" \"$@\" <&-", RadRiskProcess.executable.path]
        let score = try RadRiskProcess.run(closed + ["score", "-"], shell: true)
        let imported = try RadRiskProcess.run(closed + ["import", "-", "--db", database], shell: true)
        #expect(score.status == 66)
        #expect(score.stderr == "radrisk: -: Bad file descriptor\n")
        #expect(imported.status == 66)
        #expect(imported.stderr == score.stderr)
        #expect(!FileManager.default.fileExists(atPath: database))
    }

    @Test func aFailedImportLeavesTheInventoryExactlyAsItWas() throws {
        _ = try radrisk(["import", RadRiskProcess.sample("inventory.csv")])
        let before = try radrisk(["export"]).stdout
        let failed = try radrisk(["import", RadRiskProcess.sample("broken-inventory.csv")])
        #expect(failed.status == 65)
        #expect(failed.stderr.contains("nothing was imported; the inventory is unchanged"))
        #expect(try radrisk(["export"]).stdout == before)
    }

    @Test func exportToAFileWritesTheSameBytesAsStandardOutput() throws {
        _ = try radrisk(["import", RadRiskProcess.sample("inventory.csv")])
        let output = RadRiskProcess.temporaryDirectory() + "/assessment.csv"
        #expect(try radrisk(["export", "--output", output]).status == 0)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == (try radrisk(["export"]).stdout))
        let json = try radrisk(["export", "--format", "json", "--tier", "critical"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let systems = try #require(object?["systems"] as? [[String: Any]])
        #expect(!systems.isEmpty && systems.allSatisfy { $0["risk_tier"] as? String == "critical" })
    }

    @Test func reimportingAnExportReportsAConflictWithAChangeSavedSinceUnlessForced() throws {
        _ = try radrisk(["import", "-"], stdin: "id,name,vendor\ns1,S,V\ns2,T,V\n")
        let file = RadRiskProcess.temporaryDirectory() + "/export.csv"
        // Redirected standard output is recorded like --output.
        let exported = try RadRiskProcess.run(["-c", "\"$0\" export --db \"$1\" > \"$2\"", RadRiskProcess.executable.path, database, file], shell: true)
        #expect(exported.status == 0)
        #expect(exported.stderr.contains("at entry 2"))
        #expect(try radrisk(["edit", "s1", "--set", "vendor=Saved by another officer"]).status == 0)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacing("s1,S,V,", with: "s1,S,Edited in the file,").write(toFile: file, atomically: true, encoding: .utf8)

        let refused = try radrisk(["import", file])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("export.csv:2: error: conflict: 's1' was changed (vendor) by"))
        #expect(refused.stderr.contains("nothing was imported"))
        #expect(try radrisk(["show", "s1"]).stdout.contains("Saved by another officer"))

        let forced = try radrisk(["import", file, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try radrisk(["show", "s1"]).stdout.contains("Edited in the file"))
    }

    @Test func editChangesTheScoreAndIsValidatedLikeImport() throws {
        _ = try radrisk(["import", "-"], stdin: "id,name,vendor_sharing,encryption_in_transit\ns1,S,identifiable,legacy_tls\n")
        let bad = try radrisk(["edit", "s1", "--set", "encryption_in_transit=tls13", "--set", "retention_days=30"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("encryption_in_transit 'tls13' is not allowed; allowed: mutual_tls, tls12_plus, legacy_tls, none, unknown"))
        #expect(bad.stderr.contains("nothing was saved"))
        let good = try radrisk(["edit", "s1", "--set", "encryption_in_transit=tls12_plus", "--expect-version", "1"])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("s1: version 2"))
        #expect(good.stdout.contains("tier critical -> "))
        let stale = try radrisk(["edit", "s1", "--set", "notes=late", "--expect-version", "1"])
        #expect(stale.status == 65)
        #expect(stale.stderr.hasPrefix("radrisk: 's1' is at version 2, not 1: "), "\(stale.stderr)")
        #expect(stale.stderr.hasSuffix(", after the version your edit started from; nothing was saved. See what changed with `radrisk audit --system s1`, then edit version 2\n"))
        let ahead = try radrisk(["edit", "s1", "--set", "notes=late", "--expect-version", "99"])
        #expect(ahead.status == 65)
        #expect(ahead.stderr.hasPrefix("radrisk: 's1' is at version 2, not 99: it has no version 99 yet ("), "\(ahead.stderr)")
        #expect(ahead.stderr.hasSuffix("); nothing was saved. `radrisk show s1` gives its version\n"))
        let export = try radrisk(["export"]).stdout
        #expect(export.contains(",tls12_plus,"))
        #expect(try radrisk(["edit", "s1"]).status == 64)
        #expect(try radrisk(["edit", "s1", "--set", "colour=blue"]).status == 64)
        let twice = try radrisk(["edit", "s1", "--set", "notes=first", "--set", "notes=second"])
        #expect(twice.status == 64)
        #expect(twice.stderr.contains("--set notes is given twice; give each field once"))
        let same = try radrisk(["edit", "s1", "--set", "encryption_in_transit=tls12_plus"])
        #expect(same.status == 0)
        #expect(same.stdout == "s1: nothing changed, still version 2\n")
    }

    @Test func aHeaderWithAStrayQuoteExits65AndImportsNothing() throws {
        let failed = try radrisk(["import", "-"], stdin: "id,name,\"notes\nA1,n,x\nA2,n,y\n")
        #expect(failed.status == 65)
        #expect(failed.stderr.contains("-:1: error: a quoted field opened here in the header is never closed"), "\(failed.stderr)")
        #expect(failed.stderr.contains("nothing was imported; no inventory was created"))
        // A mistyped --db is not left behind as an empty inventory that later commands believe.
        #expect(try radrisk(["export"]).status == 66)
    }

    @Test func textTooLongInCodePointsIsRefusedLikeAnyBadValueNotByTheDatabase() throws {
        let accented = String(repeating: "e\u{301}", count: 150)
        let name = try radrisk(["import", "-"], stdin: "id,name\nL3,\(accented)\n")
        #expect(name.status == 65)
        #expect(name.stderr.contains("-:2:2: error: name '"), "\(name.stderr)")
        #expect(name.stderr.contains("is 300 characters long"))
        let notes = try radrisk(["import", "-"], stdin: "id,name,notes\nL4,n,\(String(repeating: "e\u{301}", count: 6_000))\n")
        #expect(notes.status == 65)
        #expect(notes.stderr.contains("-:2:3: error: notes '"), "\(notes.stderr)")
        #expect(try radrisk(["import", "-"], stdin: "id,name\ns1,S\n").status == 0)
        let edit = try radrisk(["edit", "s1", "--set", "name=\(accented)"])
        #expect(edit.status == 65)
        #expect(edit.stderr.contains("is 300 characters long"), "\(edit.stderr)")
        let atLimit = try radrisk(["edit", "s1", "--set", "name=\(String(repeating: "e\u{301}", count: 100))"])
        #expect(atLimit.status == 0, "\(atLimit.stderr)")
    }

    /// An export of the inventory must import again, and the reader refuses a field over 64 KiB.
    @Test func editRefusesTextLongerThanAFieldMayBe() throws {
        #expect(try radrisk(["import", "-"], stdin: "id,name\ns1,S\n").status == 0)
        let edit = try radrisk(["edit", "s1", "--set", "vendor=\(String(repeating: "v", count: 70_000))"])
        #expect(edit.status == 65)
        #expect(edit.stderr.contains("vendor 'vvv"), "\(edit.stderr)")
        #expect(edit.stderr.contains("is 70000 bytes long; allowed: one line of text without control characters, at most 65536 bytes"))
        let export = try radrisk(["export"])
        #expect(try radrisk(["import", "-"], stdin: export.stdout).status == 0)
    }

    @Test func concurrentEditsOfOneSystemLoseNoUpdate() throws {
        _ = try radrisk(["import", "-"], stdin: "id,name\ns1,Shared system\n")
        let changes = [
            "data_locality=on_premises", "vendor_sharing=none", "encryption_at_rest=full", "encryption_in_transit=mutual_tls",
            "retention_days=30", "unlearning=certified", "output_exposure=scores", "image_integrity=signatures",
        ]
        let processes = try changes.map { change in
            let process = Process()
            process.executableURL = RadRiskProcess.executable
            process.arguments = ["edit", "s1", "--set", change, "--db", database]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        processes.forEach { $0.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let export = try radrisk(["export"]).stdout
        let row = try #require(export.split(separator: "\r\n").first { $0.hasPrefix("s1,") })
        for change in changes {
            let value = change.split(separator: "=")[1]
            #expect(row.contains(",\(value),"), "lost: \(change)")
        }
        let audit = try radrisk(["audit", "list", "--system", "s1", "--format", "csv"])
        #expect(audit.stdout.split(separator: "\r\n").count == 1 + 1 + changes.count)
        #expect(try radrisk(["audit", "verify"]).status == 0)
    }

    @Test func showExplainsTheScoreAndListFilters() throws {
        _ = try radrisk(["import", RadRiskProcess.sample("inventory.csv")])
        let list = try radrisk(["list", "--tier", "critical"])
        #expect(list.status == 0)
        let rows = list.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count == 8)
        #expect(rows.allSatisfy { $0.hasSuffix("critical") })
        let id = String(rows.first!.split(separator: " ").first!)
        let show = try radrisk(["show", id])
        #expect(show.status == 0)
        #expect(show.stdout.contains("tier CRITICAL"))
        #expect(show.stdout.contains("FACTOR"))
        #expect(show.stdout.contains("Findings ("))
        #expect(try radrisk(["show", "NO-SUCH-ID"]).status == 65)
    }

    @Test func restoreRefusesWhatIsNotArchived() throws {
        _ = try radrisk(["import", "-"], stdin: "id,name\ns1,One\ns2,Two\n")
        let active = try radrisk(["restore", "s1"])
        #expect(active.status == 65 && active.stderr.contains("is in the inventory, not in the archive"))
        #expect(try radrisk(["restore", "bad id"]).status == 65)
        let store = try radrisk(["list", "--archived"])
        #expect(store.stdout.split(separator: "\n").count == 1)
    }

    @Test func showSaysASystemIsDeleted() throws {
        _ = try radrisk(["import", "-"], stdin: "id,name\ns1,One\n")
        // Archived as the dashboard's d leaves it (the command line has no delete).
        let archive = Process()
        archive.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        archive.arguments = [database, "UPDATE system SET archived_at = '2026-11-26T10:00:00Z' WHERE id = 's1'"]
        try archive.run()
        archive.waitUntilExit()
        let text = try radrisk(["show", "s1"]).stdout
        #expect(text.contains("DELETED at 2026-11-26T10:00:00Z: in the archive, not in lists or exports; `radrisk restore s1` brings it back"))
        let json = try radrisk(["show", "s1", "--format", "json"]).stdout
        #expect(json.contains("\"archived_at\": \"2026-11-26T10:00:00Z\""))
        let shown = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(shown?["version"] as? Int == 1 && shown?["updated_by"] is String)
        _ = try radrisk(["restore", "s1"])
        #expect(!(try radrisk(["show", "s1"]).stdout.contains("DELETED")))
    }

    /// The directories made above the inventory's own let the group through, or its members
    /// could not reach what it was given; a group that does not exist is a usage error.
    @Test func initSharesWithAGroupAndAWorldWritableDatabaseIsRefused() throws {
        let above = RadRiskProcess.temporaryDirectory() + "/srv"
        let directory = above + "/team"
        let shared = directory + "/inventory.sqlite"
        let result = try RadRiskProcess.run(["init", "--db", shared, "--group", "adm"])
        #expect(result.status == 0, "\(result.stderr)")
        let parent = try FileManager.default.attributesOfItem(atPath: above)
        #expect((parent[.posixPermissions] as? Int) == 0o750)
        #expect((parent[.groupOwnerAccountName] as? String) == "adm")
        let file = try FileManager.default.attributesOfItem(atPath: shared)
        #expect((file[.posixPermissions] as? Int) == 0o660)
        #expect((file[.groupOwnerAccountName] as? String) == "adm")
        let folder = try FileManager.default.attributesOfItem(atPath: directory)
        #expect(((folder[.posixPermissions] as? Int) ?? 0) & 0o770 == 0o770)
        #expect((folder[.groupOwnerAccountName] as? String) == "adm")
        let unknown = try RadRiskProcess.run(["init", "--db", shared, "--group", "no-such-group-x"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("no group named 'no-such-group-x'"))

        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: shared)
        let refused = try RadRiskProcess.run(["list", "--db", shared])
        #expect(refused.status == 74)
        #expect(refused.stderr.contains("is writable by every user (mode 666)"))
    }

    /// An id is the key a script or a reviewer acts on: two cut to one prefix could not be told
    /// apart, so ids (and users) are given whole, past their column's width.
    @Test func tablesGiveIdsWhole() throws {
        let long = "ABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789"
        _ = try radrisk(["import", "-"], stdin: "id,name\n\(long)-a,a\n\(long)-b,b\n")
        let list = try radrisk(["list"]).stdout
        #expect(list.contains("\(long)-a  ") && list.contains("\(long)-b  "), "\(list)")
        let audit = try radrisk(["audit"]).stdout
        #expect(audit.contains(" \(long)-a  ") && audit.contains(" \(long)-b  "), "\(audit)")
    }

    /// Anyone can set SUDO_USER: only a command run as root, as sudo runs it, records it, and the
    /// table shows it beside the user.
    @Test func sudoUserIsRecordedOnlyAsRootAndShownBesideTheUser() throws {
        _ = try radrisk(["import", RadRiskProcess.sample("inventory.csv")])
        let asRoot = getuid() == 0
        let edit = try RadRiskProcess.run(
            ["edit", "NHP-CT-011", "--set", "owner=Imaging", "--db", database], environment: ["SUDO_USER": "alice"])
        #expect(edit.status == 0, "\(edit.stderr)")
        let byAlice = try radrisk(["audit", "--user", "alice"]).stdout
        #expect(byAlice.contains("(sudo: alice)") == asRoot, "\(byAlice)")
        #expect(byAlice.contains("NHP-CT-011") == asRoot)
    }

    /// Without a terminal the dashboard cannot start: a usage error, as README's statuses say.
    @Test func theDashboardWithoutATerminalIsAUsageError() throws {
        _ = try radrisk(["import", RadRiskProcess.sample("inventory.csv")])
        let opened = try radrisk(["open"], stdin: "")
        #expect(opened.status == 64)
        #expect(opened.stderr.contains("radrisk: "))
    }

    @Test func everyCommandHasHelpWithAnExample() throws {
        for command in ["init", "score", "import", "export", "list", "show", "edit", "restore", "audit", "policy", "open", "demo"] {
            let help = try RadRiskProcess.run([command, "--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("Example:"), "\(command) --help has no example")
        }
        #expect(try RadRiskProcess.run(["--version"]).stdout.hasPrefix("0."))
    }

    /// On a terminal an import shows how far it has got on one line, then erases it; piped
    /// (every other test here), standard error carries nothing of it.
    @Test func anImportOnATerminalShowsItsProgressThenErasesIt() throws {
        let directory = RadRiskProcess.temporaryDirectory()
        let file = directory + "/big.csv"
        var csv = "id,name,vendor,notes\n"
        for index in 0..<3_000 { csv += "GEN-\(index),Generated \(index),Vendor \(index % 17),\"row \(index), generated\"\n" }
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        // The import waits for `go`, so that recording starts before its first byte.
        let tmux = try TmuxSession(
            "while [ ! -e '\(directory)/go' ]; do sleep 0.05; done; '\(RadRiskProcess.executable.path)' import '\(file)' --db '\(database)'")
        try tmux.record(to: directory + "/terminal.log")
        #expect(FileManager.default.createFile(atPath: directory + "/go", contents: nil))
        let screen = try tmux.waitFor("3000 added")
        #expect(screen.contains("big.csv: 3000 added, 0 changed, 0 unchanged"))
        #expect(!screen.contains("importing:"))
        let seen = try String(contentsOfFile: directory + "/terminal.log", encoding: .utf8)
        for step in ["importing: 100% (0.2 of 0.2 MB)", "importing: all rows in; building the indexes", "importing: writing to disk"] {
            #expect(seen.contains(step), "never showed \(step)")
        }
        #expect(try radrisk(["import", file]).stderr.isEmpty)
    }

    /// The built-in policy with other weights, as a file named "hospital-1".
    func hospitalPolicy() throws -> String {
        let file = RadRiskProcess.temporaryDirectory() + "/hospital.toml"
        try (try RadRiskProcess.run(["policy"]).stdout)
            .replacing("policy_version = \"radrisk-2026.11\"", with: "policy_version = \"hospital-1\"")
            .replacing("data_locality = 12", with: "data_locality = 2").replacing("vendor_sharing = 14", with: "vendor_sharing = 24")
            .write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func commandsWithoutAPolicyKeepTheOneTheInventoryIsScoredWith() throws {
        let file = try hospitalPolicy()
        _ = try radrisk(["import", RadRiskProcess.sample("inventory.csv"), "--policy", file])
        let scored = try radrisk(["show", "NHP-CXR-003"]).stdout
        #expect(scored.contains("Policy hospital-1"))
        for command in [["audit"], ["audit", "verify"], ["list"], ["export"]] {
            #expect(try radrisk(command).status == 0, "\(command)")
        }
        #expect(try radrisk(["show", "NHP-CXR-003"]).stdout == scored)
        #expect(try radrisk(["export"]).stdout.contains(",hospital-1,"))
    }

    /// Another policy rescores the inventory, in the import's own transaction: a dry run, or an
    /// import of a file with errors, leaves the scores as they were with everything else.
    @Test func aDryRunOrAFailedImportUnderAnotherPolicyChangesNothing() throws {
        _ = try radrisk(["import", RadRiskProcess.sample("inventory.csv")])
        let file = try hospitalPolicy()
        let before = try radrisk(["export"]).stdout
        let dryRun = try radrisk(["import", RadRiskProcess.sample("inventory.csv"), "--dry-run", "--policy", file])
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(dryRun.stdout.contains("dry run, nothing written; would be 0 added, 0 changed, 48 unchanged"), "\(dryRun.stdout)")
        #expect(try radrisk(["export"]).stdout == before)
        let failed = try radrisk(["import", RadRiskProcess.sample("broken-inventory.csv"), "--policy", file])
        #expect(failed.status == 65)
        #expect(failed.stderr.contains("nothing was imported; the inventory is unchanged"))
        #expect(try radrisk(["export"]).stdout == before)
        #expect(!(try radrisk(["audit"]).stdout.contains("(all systems)")))
        #expect(try radrisk(["import", RadRiskProcess.sample("inventory.csv"), "--policy", file]).status == 0)
        #expect(try radrisk(["export"]).stdout.contains(",hospital-1,"))
        let policyLine = try #require(try radrisk(["audit"]).stdout.split(separator: "\n").last)
        #expect(policyLine.contains(" update   (all systems)     policy ") && policyLine.hasSuffix("radrisk-2026.11 -> hospital-1; every system rescored"), "\(policyLine)")
    }

    /// Rescoring a large inventory takes seconds: a terminal is told why it waits, a pipe is not.
    @Test func openingUnderANewPolicySaysItRescoresOnATerminal() throws {
        _ = try radrisk(["import", RadRiskProcess.sample("inventory.csv")])
        let builtIn = try RadRiskProcess.run(["policy"]).stdout
        let directory = RadRiskProcess.temporaryDirectory()
        func policy(_ version: String) throws -> String {
            let file = directory + "/\(version).toml"
            try builtIn.replacing("policy_version = \"radrisk-2026.11\"", with: "policy_version = \"\(version)\"")
                .write(toFile: file, atomically: true, encoding: .utf8)
            return file
        }
        let piped = try radrisk(["list", "--policy", try policy("local-a"), "--limit", "1"])
        #expect(piped.status == 0 && piped.stderr.isEmpty, "\(piped.stderr)")
        let tmux = try TmuxSession(
            "'\(RadRiskProcess.executable.path)' list --db '\(database)' --policy '\(try policy("local-b"))' --limit 1", width: 160)
        let screen = try tmux.waitFor("rescoring")
        #expect(screen.contains("radrisk: rescoring 48 systems under policy local-b (they were scored with policy local-a)…"))
    }
}
