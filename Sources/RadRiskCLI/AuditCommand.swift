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

    enum Format: String, ExpressibleByArgument { case table, csv, json }

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: ArgumentHelp("Only this system.", valueName: "id"))
    var system: String?

    @Option(name: .long, help: ArgumentHelp("Only entries at or after this UTC date (YYYY-MM-DD).", valueName: "date"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Only entries by this user (or made through sudo by them).", valueName: "user"))
    var user: String?

    @Option(name: .long, help: "Output format.")
    var format: Format = .table

    func validate() throws {
        // A time may follow the date (entries are stamped 2026-11-25T09:00:00Z); the date must be a real one.
        if let since, CalendarDate(iso: since.prefix(10)) == nil {
            throw ValidationError("--since takes a real date YYYY-MM-DD, not '\(Printable.escaped(since))'")
        }
    }

    func run() throws {
        try running {
            let store = try database.openStore(policy: .standard)
            let query = AuditQuery(systemID: system, since: since, user: user)
            let sink = FileByteSink.standardOutput()
            let columns = ["sequence", "time", "user", "sudo_user", "action", "system_id", "field", "old_value", "new_value", "score_before", "score_after", "hash"]
            func cells(_ entry: AuditEntry) -> [String] {
                [String(entry.sequence), entry.time, entry.user, entry.sudoUser ?? "", entry.action.rawValue, entry.systemID,
                 entry.field ?? "", entry.oldValue ?? "", entry.newValue ?? "", entry.scoreBefore.map(formatTenths) ?? "",
                 entry.scoreAfter.map(formatTenths) ?? "", entry.hash]
            }
            switch format {
            case .csv:
                let csv = CSVWriter(sink: sink)
                try csv.writeRecord(columns)
                try store.forEachAuditEntry(query) { try csv.writeRecord(cells($0)) }
                try csv.flush()
            case .json:
                let output = TextOutput(sink: sink)
                try output.append("{\"entries\": [\n")
                var first = true
                try store.forEachAuditEntry(query) { entry in
                    let members = zip(columns, cells(entry)).map { "\(JSON.string($0)): \(JSON.string($1))" }
                    try output.append((first ? "  {" : ",\n  {") + members.joined(separator: ", ") + "}")
                    first = false
                }
                try output.append("\n], \"audit_head\": \(JSON.string(try store.auditPosition().head))}\n")
                try output.flush()
            case .table:
                let table = TextTable(columns: [
                    .init(title: "SEQ", width: 6, rightAligned: true), .init(title: "TIME (UTC)", width: 20),
                    .init(title: "USER", width: 10), .init(title: "ACTION", width: 7), .init(title: "SYSTEM", width: 16),
                    .init(title: "FIELD", width: 22), .init(title: "CHANGE", width: 0),
                ])
                let output = TextOutput(sink: sink)
                try output.append(table.header)
                try store.forEachAuditEntry(query) { entry in
                    var change = entry.field == nil ? (entry.newValue == nil ? "record removed" : "record written") : "\(entry.oldValue ?? "") -> \(entry.newValue ?? "")"
                    if let before = entry.scoreBefore, let after = entry.scoreAfter, before != after {
                        change += "  (score \(formatTenths(before)) -> \(formatTenths(after)))"
                    }
                    try output.append(table.line([
                        String(entry.sequence), entry.time, entry.user, entry.action.rawValue, entry.systemID, entry.field ?? "", change,
                    ]))
                }
                try output.flush()
            }
        }
    }
}

struct AuditVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute the audit chain; exit 65 naming the first entry altered, inserted or deleted.",
        discussion: """
            The last line is the chain head. Keep it somewhere else: someone with write access to the \
            database file could rewrite the whole chain, and only a head kept elsewhere shows that.

            Example:
              radrisk audit verify --db /srv/radrisk/inventory.sqlite
            """)

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try running {
            let store = try database.openStore(policy: .standard)
            let result = try store.verifyAudit()
            if let problem = result.problem {
                throw fail("audit trail broken: \(problem); the first \(Count.of(result.entryCount, "entry", plural: "entries")) verify, up to head \(result.head)", ExitStatus.invalidData)
            }
            try StandardOutput.writeLine("audit trail verified: \(Count.of(result.entryCount, "entry", plural: "entries"))")
            try StandardOutput.writeLine("head \(result.head)")
        }
    }
}
