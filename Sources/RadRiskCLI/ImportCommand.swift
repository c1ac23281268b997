import ArgumentParser
import Glibc
import Inventory
import InventoryFiles

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import an inventory CSV into the database: all rows or, if any is invalid, none.",
        discussion: """
            The whole file is checked first; every invalid row is reported (file, line, column, value, \
            what is allowed) and nothing is written. A valid file is inserted or updated in one \
            transaction: a system whose fields are unchanged keeps its version.

            A file written by `radrisk export` is checked against changes saved since: a row that \
            would change a system someone else changed after the export is a conflict and nothing is \
            imported (unless --force); a row the file still holds as exported keeps the newer saved \
            system. Exports to a file are recorded in the inventory, and so are imports from one, so \
            this needs no option; for a file that reached you another way, pass the audit entry \
            `radrisk export` printed with --base.

            Example:
              radrisk import SampleData/inventory.csv --db review.sqlite --dry-run
            """)

    @Argument(help: ArgumentHelp("The inventory CSV; - reads standard input.", valueName: "file.csv"))
    var file: String

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var policyOptions: PolicyOptions

    @Flag(name: .long, help: "Check the file and report what would change, writing nothing.")
    var dryRun = false

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "The audit entry the file was exported at (`radrisk export` prints it); by default the inventory's record of the last export to this file.",
            valueName: "entry"),
        transform: wholeNumber(atLeast: 0))
    var base: Int?

    @Flag(name: .long, help: "Overwrite systems changed since the export instead of reporting conflicts (a row the file still holds as exported still keeps the newer saved system).")
    var force = false

    func run() throws {
        try running {
            // The policy first: a bad one is better told before a pipe is read to its end.
            let policy = try policyOptions.given()
            let shownFile = Printable.controlsEscaped(file)
            let source = try Self.readable(file)
            // A dry run against no inventory yet compares with an empty one, and creates nothing.
            let creates = !database.inventoryExists
            let store: InventoryStore
            do {
                store = dryRun && creates
                    ? try InventoryStore(inMemoryWith: policy ?? .standard)
                    // Only a policy given is imposed: with the inventory's own, an import must be
                    // refused, as any change is, if someone rescored under another meanwhile.
                    : try database.openStore(
                        policy: policy, forFirstLoad: true, creating: true, rescoring: policy == nil ? .whenOpened : .inEachImport)
            } catch {
                // Opening can fail after making the file (refused on a network disk, say): an
                // empty one must not be left for an inventory.
                if creates { Self.removeIfEmpty(database.path) }
                throw error
            }
            let recordedBase = file == "-" ? nil : try store.exportRecord(forFile: file)?.auditSequence
            let exportedAt = base ?? recordedBase
            let progressLine = ImportProgressLine.onTerminal(fileSize: source.size)
            let summary: ImportSummary
            do {
                defer { progressLine?.erase() }
                summary = try store.importCSV(
                    source, file: file, today: Today.date, dryRun: dryRun, exportedAt: exportedAt, force: force,
                    recordedFile: Self.isRegularFile(file) ? file : nil,
                    progress: { step in
                        if case .rescoring(let systems, let scoredWith) = step {
                            progressLine?.erase()
                            DatabaseOptions.announceRescoring(systems, scoredWith: scoredWith, under: policy)
                        }
                        progressLine?.show(step)
                    })
            } catch {
                // A mistyped --db must not be left behind as an empty inventory.
                if creates { try? store.removeUnfilledInventory() }
                throw error
            }
            summary.issues.report.forEach(printError)
            if summary.issues.hasErrors {
                if creates { try store.removeUnfilledInventory() }
                throw fail("\(shownFile): nothing was imported; \(creates ? "no inventory was created" : "the inventory is unchanged")", ExitStatus.invalidData)
            }
            var counts = "\(summary.added) added, \(summary.changed) changed, \(summary.unchanged) unchanged"
            if summary.keptSaved > 0 { counts += ", \(summary.keptSaved) kept as saved since the export" }
            if dryRun {
                try StandardOutput.writeLine("\(shownFile): dry run, nothing written; would be \(counts)")
            } else {
                try StandardOutput.writeSummary("\(shownFile): \(counts)", of: "the import was saved")
            }
            if exportedAt == nil, !force, summary.changed > 0 {
                printError("""
                    note: no export to \(shownFile) is recorded in this inventory, so its rows were not checked against \
                    changes saved since it was written; pass --base ENTRY (printed by `radrisk export`) to check them
                    """)
            }
        }
    }

    private static func removeIfEmpty(_ path: String) {
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size == 0 { unlink(path) }
    }

    /// Whether `path` names a regular file, which can be edited and imported again; a pipe's rows
    /// are gone once read.
    private static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return path != "-" && stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    /// The file to import, opened; a pipe or a terminal is first copied aside whole (see
    /// `FileByteSource.spooling`), so that the inventory is not held while its producer runs.
    private static func readable(_ file: String) throws -> FileByteSource {
        let source = try FileByteSource(path: file)
        guard source.size == nil else { return source }
        let progressLine = ImportProgressLine.onTerminal(fileSize: nil)
        defer { progressLine?.erase() }
        var received = ProgressReportingByteSource(source) { progressLine?.showReceived(bytes: $0) }
        let directory = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return try .spooling(&received, named: file == "-" ? "standard input" : file, into: directory)
    }
}
