import Foundation
import Testing

/// Every command's standard output failing: the command says so and exits 74, rather than
/// losing what it printed and reporting success.
@Suite("Standard output failures")
struct StandardOutputTests {
    static let commands: [[String]] = [
        ["policy"], ["policy", "--check", "POLICY"], ["audit", "verify"], ["audit", "list"], ["list"], ["show", "NHP-CXR-001"],
        ["export"], ["score", "INVENTORY"], ["import", "INVENTORY", "--dry-run"],
    ]

    /// Commands that change the inventory, and how they say the change was saved.
    static let savingCommands: [([String], String)] = [
        (["import", "INVENTORY"], "the import was saved"), (["edit", "NHP-CXR-001", "--set", "notes=checked"], "the edit was saved"),
        (["init"], "the inventory was set up"), (["restore", "NHP-CXR-001"], "the restore was saved"),
    ]

    /// `> /dev/full` fails each write; `>&-` leaves no standard output at all.
    static let redirections = [("> /dev/full", "No space left on device"), (">&-", "Bad file descriptor")]

    @Test(arguments: commands)
    func aFailedWriteExits74SayingWhy(command: [String]) throws {
        let directory = RadRiskProcess.temporaryDirectory()
        let database = directory + "/inventory.sqlite"
        #expect(try RadRiskProcess.run(["import", RadRiskProcess.sample("inventory.csv"), "--db", database]).status == 0)
        let policy = directory + "/policy.toml"
        try RadRiskProcess.run(["policy"]).stdout.write(toFile: policy, atomically: true, encoding: .utf8)
        let arguments = command.map { $0 == "POLICY" ? policy : $0 == "INVENTORY" ? RadRiskProcess.sample("inventory.csv") : $0 }
            + (command[0] == "policy" || command[0] == "score" ? [] : ["--db", database])
        for (redirection, reason) in Self.redirections {
            let result = try run(arguments, redirection)
            #expect(result.status == 74, "\(command) \(redirection): \(result.stderr)")
            #expect(result.stderr.contains("radrisk: standard output: \(reason)"), "\(command) \(redirection): \(result.stderr)")
        }
    }

    /// What argument-parser itself answers: help, a subcommand's help, the version.
    @Test(arguments: [["--help"], ["import", "--help"], ["help", "edit"], ["--version"]])
    func helpThatCannotBeWrittenExits74SayingWhy(arguments: [String]) throws {
        for (redirection, reason) in Self.redirections {
            let result = try run(arguments, redirection)
            #expect(result.status == 74, "\(arguments) \(redirection): \(result.stderr)")
            #expect(result.stderr == "radrisk: standard output: \(reason)\n", "\(arguments) \(redirection)")
        }
        #expect(try RadRiskProcess.run(arguments).status == 0)
    }

    /// A script told only "standard output" and 74 would take the change for refused and make it again.
    @Test(arguments: savingCommands)
    func aSavedChangeWhoseSummaryCannotBeWrittenSaysItWasSaved(command: [String], saved: String) throws {
        var database = ""
        for (redirection, reason) in Self.redirections {
            // A fresh inventory each time, so that the edit changes something again.
            database = RadRiskProcess.temporaryDirectory() + "/inventory.sqlite"
            #expect(try RadRiskProcess.run(["import", RadRiskProcess.sample("inventory.csv"), "--db", database]).status == 0)
            let arguments = command.map { $0 == "INVENTORY" ? RadRiskProcess.sample("inventory.csv") : $0 } + ["--db", database]
            if command[0] == "restore" { try archive("NHP-CXR-001", in: database) }
            let result = try run(arguments, redirection)
            #expect(result.status == 74, "\(command) \(redirection): \(result.stderr)")
            #expect(result.stderr.hasPrefix("radrisk: \(saved) ("), "\(command) \(redirection): \(result.stderr)")
            #expect(
                result.stderr.hasSuffix("), but its summary could not be written to standard output: \(reason)\n"),
                "\(command) \(redirection): \(result.stderr)")
        }
        if command[0] == "edit" {
            #expect(try RadRiskProcess.run(["show", "NHP-CXR-001", "--db", database]).stdout.hasSuffix("Notes:\n  checked\n"))
        }
    }

    func run(_ arguments: [String], _ redirection: String) throws -> RadRiskProcess.Result {
        try RadRiskProcess.run(["-c", "exec \"$0\" \"$@\" \(redirection)", RadRiskProcess.executable.path] + arguments, shell: true)
    }

    /// What deleting in the dashboard does to the row; the CLI has no delete.
    func archive(_ id: String, in database: String) throws {
        let sql = "UPDATE system SET archived_at = '2026-01-01T00:00:00Z' WHERE id = '\(id)'"
        #expect(try RadRiskProcess.run(["-c", "sqlite3 \"$0\" \"$1\"", database, sql], shell: true).status == 0)
    }
}
