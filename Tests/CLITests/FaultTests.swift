import Foundation
import Testing

/// Faults a real process meets: a kill -9 mid-import, a full disk.
@Suite("Faults", .serialized)
struct FaultTests {
    func sqlite(_ database: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database, sql]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func generatedInventory(rows: Int) -> String {
        var csv = "id,name,vendor,data_locality,notes\n"
        for index in 0..<rows { csv += "GEN-\(index),Generated \(index),Vendor \(index % 17),vendor_cloud_domestic,\"row \(index), generated\"\n" }
        return csv
    }

    @Test func killingAnImportAtAnyMomentLeavesAllOrNothing() throws {
        let directory = RadRiskProcess.temporaryDirectory()
        let database = directory + "/inventory.sqlite"
        #expect(try RadRiskProcess.run(["import", RadRiskProcess.sample("inventory.csv"), "--db", database]).status == 0)
        let file = directory + "/big.csv"
        try generatedInventory(rows: 4_000).write(toFile: file, atomically: true, encoding: .utf8)
        var generator = SystemRandomNumberGenerator()
        var outcomes: Set<String> = []
        for attempt in 0..<6 {
            let process = Process()
            process.executableURL = RadRiskProcess.executable
            process.arguments = ["import", file, "--db", database]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Early, middle and late in the import, at random within each band.
            Thread.sleep(forTimeInterval: Double(attempt) * 0.25 + Double.random(in: 0..<0.25, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(try sqlite(database, "PRAGMA integrity_check") == "ok")
            let count = try sqlite(database, "SELECT count(*) FROM system")
            #expect(count == "48" || count == "4048", "after kill \(attempt): \(count) systems")
            outcomes.insert(count)
            if count == "4048" {
                // It had finished: start again from the sample alone.
                try FileManager.default.removeItem(atPath: directory + "/inventory.sqlite")
                _ = try? FileManager.default.removeItem(atPath: directory + "/inventory.sqlite-wal")
                _ = try? FileManager.default.removeItem(atPath: directory + "/inventory.sqlite-shm")
                #expect(try RadRiskProcess.run(["import", RadRiskProcess.sample("inventory.csv"), "--db", database]).status == 0)
            }
        }
        #expect(outcomes.contains("48"), "no kill landed during an import")
        #expect(try RadRiskProcess.run(["audit", "verify", "--db", database]).status == 0)
    }

    @Test func aFullDiskFailsTheImportCleanly() throws {
        let directory = RadRiskProcess.temporaryDirectory()
        let database = directory + "/inventory.sqlite"
        #expect(try RadRiskProcess.run(["import", RadRiskProcess.sample("inventory.csv"), "--db", database]).status == 0)
        let before = try RadRiskProcess.run(["export", "--db", database]).stdout
        let file = directory + "/big.csv"
        try generatedInventory(rows: 3_000).write(toFile: file, atomically: true, encoding: .utf8)
        let size = (try FileManager.default.attributesOfItem(atPath: database)[.size] as? Int) ?? 0
        // ulimit -f binds root too, unlike permissions; bash counts it in 1024-byte blocks. A
        // little above today's size: the import's write-ahead log cannot grow that far.
        let blocks = size / 1024 + 32
        let result = try RadRiskProcess.run(["-c", "ulimit -f \(blocks); exec '\(RadRiskProcess.executable.path)' import '\(file)' --db '\(database)'"], shell: true)
        #expect(result.status == 74, "\(result.stderr)")
        #expect(result.stderr.contains("radrisk: "))
        #expect(try sqlite(database, "PRAGMA integrity_check") == "ok")
        #expect(try RadRiskProcess.run(["export", "--db", database]).stdout == before)
    }

    @Test func aFullDiskDuringADashboardSaveSaysSoKeepsTheEditAndWritesNothing() throws {
        let database = RadRiskProcess.temporaryDirectory() + "/inventory.sqlite"
        #expect(try RadRiskProcess.run(["import", RadRiskProcess.sample("inventory.csv"), "--db", database]).status == 0)
        // A kept draft with 9,000 characters of notes, typed over the saved notes, stands in for a
        // long typing session: saving it needs far more write-ahead log than the file size limit
        // below allows.
        let notes = (0..<1_500).map { String(format: "%05d", $0) }.joined(separator: " ")
        let user = ProcessInfo.processInfo.userName
        let savedNotes = "(SELECT notes FROM system WHERE id = 'NHP-DX-033')"
        let draft = "json_object('fields', json_object('notes', '\(notes)'), 'started_from', json_object('notes', \(savedNotes)))"
        _ = try sqlite(database, "INSERT INTO draft VALUES ('\(user)', 'NHP-DX-033', '2026-11-25T10:00:00Z', \(draft))")
        let before = try RadRiskProcess.run(["export", "--db", database]).stdout

        // ulimit -f binds root too (bash counts 1024-byte blocks). The -shm file needs exactly
        // 32 KiB, and opening writes two 16 KiB pages to the log: 32,848 bytes. A third page
        // does not fit in 48 KiB.
        let radrisk = RadRiskProcess.executable.path
        let tmux = try TmuxSession("bash -c \"ulimit -f 48; exec '\(radrisk)' --db '\(database)'\"", width: 100, height: 30)
        try tmux.waitFor("48 systems")
        try tmux.send("e")
        try tmux.waitFor("Ctrl-R restores it")
        try tmux.send("C-r")
        try tmux.waitFor("Draft restored")
        try tmux.send("C-s")
        let screen = try tmux.waitFor("Not saved")
        let status = screen.split(separator: "\n").suffix(3).joined(separator: " ")
        #expect(status.contains("the disk may be full, over quota or failing, or a file size limit was reached); nothing of this change was written"))
        #expect(screen.contains("Edit NHP-DX-033"))
        try tmux.send("Escape")
        try tmux.waitFor("Discard your changes to NHP-DX-033?")
        try tmux.send("y", "q")
        _ = tmux.afterExit()

        #expect(try sqlite(database, "PRAGMA integrity_check") == "ok")
        #expect(try RadRiskProcess.run(["export", "--db", database]).stdout == before)
        #expect(try RadRiskProcess.run(["audit", "verify", "--db", database]).status == 0)
    }
}
