import ArgumentParser
import Inventory
import InventoryFiles
import RiskModel

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show the audit trail, or verify that its history was not rewritten.",
        discussion: """
            Every change to the inventory is recorded with its time (UTC), user, action, system, field, \
            old and new value, chained by SHA-256 hashes.

            Without a subcommand it lists entries: `radrisk audit list --help` gives the options \
            (--system, --since, --user, --format).

            Example:
              radrisk audit --system NHP-CT-011 --since 2026-01-01
              radrisk audit verify
            """,
        subcommands: [AuditListCommand.self, AuditVerifyCommand.self],
        defaultSubcommand: AuditListCommand.self)
}

struct AuditListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List audit entries, oldest first.",
        discussion: """
            Example:
              radrisk audit list --user alice --format csv
            """)

    enum Format: String, CaseIterable, ExpressibleByArgument { case table, csv, json }

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: ArgumentHelp("Only this system.", valueName: "id"))
    var system: String?

    @Option(name: .long, help: ArgumentHelp(
        "Only entries at or after this UTC date (YYYY-MM-DD) or time (YYYY-MM-DDTHH:MM[:SS][Z], or with a space for the T).",
        valueName: "date"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Only entries by this user (or made through sudo by them).", valueName: "user"))
    var user: String?

    @Option(name: .long, help: "Output format.")
    var format: Format = .table

    func validate() throws {
        if let since, Self.stamp(since) == nil {
            throw ValidationError(
                "--since takes a real UTC date YYYY-MM-DD or time YYYY-MM-DDTHH:MM[:SS][Z], not '\(Printable.escaped(since))'")
        }
    }

    /// `since` spelled as entries are stamped (2026-11-25T09:00:00Z), so that comparing the text
    /// compares the times; a date alone stays a date, which sorts before its day's stamps. Nil for
    /// anything else, a UTC offset included: entries are in UTC, and a wrong guess would hide some.
    static func stamp(_ since: String) -> String? {
        let date = since.prefix(10)
        guard CalendarDate(iso: date) != nil else { return nil }
        var time = since.dropFirst(10)
        if time.isEmpty { return String(date) }
        guard time.first == "T" || time.first == " " else { return nil }
        time = time.dropFirst()
        if time.last == "Z" { time = time.dropLast() }
        let parts = time.split(separator: ":", omittingEmptySubsequences: false).map { part in
            part.utf8.count == 2 && part.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } ? Int(part) : nil
        }
        let limits = [23, 59, 59]
        guard (2...3).contains(parts.count) else { return nil }
        var spelled = "\(date)T"
        for index in 0..<3 {
            let value = index < parts.count ? parts[index] : 0
            guard let value, (0...limits[index]).contains(value) else { return nil }
            spelled += (value < 10 ? "0" : "") + String(value) + (index < 2 ? ":" : "Z")
        }
        return spelled
    }

    func run() throws {
        try running {
            // A mistyped id would otherwise list nothing, as if the system had no history.
            let store = try system.map { try database.openSystem($0, policy: nil).0 } ?? database.openStore(policy: nil)
            let query = AuditQuery(systemID: system, since: since.flatMap(Self.stamp), user: user)
            let sink = FileByteSink.standardOutput()
            let columns = ["sequence", "time", "user", "sudo_user", "action", "system_id", "field", "old_value", "new_value", "score_before", "score_after", "hash"]
            /// The entry's values by column; nil where it has none.
            func values(_ entry: AuditEntry) -> [String?] {
                [String(entry.sequence), entry.time, entry.user, entry.sudoUser, entry.action.rawValue, entry.systemID,
                 entry.field, entry.oldValue, entry.newValue, entry.scoreBefore.map(formatTenths),
                 entry.scoreAfter.map(formatTenths), entry.hash]
            }
            switch format {
            case .csv:
                let csv = CSVWriter(sink: sink)
                try csv.writeRecord(columns)
                try store.forEachAuditEntry(query) { try csv.writeRecord(values($0).map { $0 ?? "" }) }
                try csv.flush()
            case .json:
                let output = TextOutput(sink: sink)
                try output.append("{\"entries\": [\n")
                var first = true
                // Typed, unlike the CSV's cells: a sequence and scores are numbers, and a value that
                // is not there is null, not the empty text a field may hold.
                let numbers: Set = ["sequence", "score_before", "score_after"]
                try store.forEachAuditEntry(query) { entry in
                    let members = zip(columns, values(entry)).map { column, value in
                        "\(JSON.string(column)): \(value.map { numbers.contains(column) ? $0 : JSON.string($0) } ?? "null")"
                    }
                    try output.append((first ? "  {" : ",\n  {") + members.joined(separator: ", ") + "}")
                    first = false
                }
                try output.append("\n], \"audit_head\": \(JSON.string(try store.auditPosition().head))}\n")
                try output.flush()
            case .table:
                let table = TextTable(columns: [
                    .init(title: "SEQ", width: 6, rightAligned: true), .init(title: "TIME (UTC)", width: 20),
                    .init(title: "USER", width: 10, whole: true), .init(title: "ACTION", width: 7), .init(title: "SYSTEM", width: 16, whole: true),
                    .init(title: "FIELD", width: 22), .init(title: "CHANGE", width: 0),
                ])
                let output = TextOutput(sink: sink)
                try output.append(table.header)
                var previous: AuditEntry?
                try store.forEachAuditEntry(query) { entry in
                    var change = entry.changesPolicy ? Self.policyChange(entry)
                        : entry.field == nil ? (entry.newValue == nil ? "record removed" : "record written") : "\(entry.oldValue ?? "") -> \(entry.newValue ?? "")"
                    // Once a save, on its first line: beside every field it reads as that field's doing.
                    if let before = entry.scoreBefore, let after = entry.scoreAfter, before != after,
                       previous.map({ !entry.isSameSave(as: $0) }) ?? true {
                        change += "  (the save: score \(formatTenths(before)) -> \(formatTenths(after)))"
                    }
                    previous = entry
                    try output.append(table.line([
                        String(entry.sequence), entry.time, entry.sudoUser.map { "\(entry.user) (sudo: \($0))" } ?? entry.user, entry.action.rawValue,
                        entry.systemID == AuditEntry.inventoryWide ? "(all systems)" : entry.systemID, entry.field ?? "", change,
                    ]))
                }
                try output.flush()
            }
        }
    }

    /// A rescore's entry keeps the policies' whole texts; the table names them by version.
    private static func policyChange(_ entry: AuditEntry) -> String {
        func version(_ text: String?) -> String {
            guard let text else { return "?" }
            return (try? Policy(toml: text, fileName: "the audit trail"))?.version ?? text
        }
        let (old, new) = (version(entry.oldValue), version(entry.newValue))
        return "\(old) -> \(old == new ? "another policy named \(new)" : new); every system rescored"
    }
}

struct AuditVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute the audit chain and every stored score, and replay each system's entries against its row; exit 65 naming the first entry altered, inserted or deleted, the first score its system's fields do not give, or the first system not as its entries last recorded.",
        discussion: """
            The last line is the chain head. Keep it somewhere else: someone with write access to the \
            database file could rewrite the whole chain, and only a head kept elsewhere shows that.

            Example:
              radrisk audit verify --db /srv/radrisk/inventory.sqlite
            """)

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try running {
            let store = try database.openStore(policy: nil)
            let (result, storedRows) = try store.verifyAuditAndStoredRows()
            if let problem = result.problem {
                throw fail("audit trail broken: \(problem); the first \(Count.of(result.entryCount, "entry", plural: "entries")) verify, up to head \(result.head)", ExitStatus.invalidData)
            }
            if let problem = storedRows {
                throw fail(
                    "systems were changed outside radrisk: \(problem); the audit trail's \(Count.of(result.entryCount, "entry", plural: "entries")) verify, up to head \(result.head)",
                    ExitStatus.invalidData)
            }
            try StandardOutput.writeLine("audit trail verified: \(Count.of(result.entryCount, "entry", plural: "entries"))")
            try StandardOutput.writeLine("head \(result.head)")
        }
    }
}
