import ArgumentParser
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

            Example:
              radrisk import SampleData/inventory.csv --db review.sqlite --dry-run
            """)

    @Argument(help: ArgumentHelp("The inventory CSV; - reads standard input.", valueName: "file.csv"))
    var file: String

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var policyOptions: PolicyOptions

    @Flag(name: .long, help: "Check the file and report what would change, writing nothing.")
    var dryRun = false

    func run() throws {
        try running {
            let source = try FileByteSource(path: file)
            let store = try database.openStore(policy: try policyOptions.load())
            let summary = try store.importCSV(source, file: file, today: Today.date, dryRun: dryRun)
            summary.issues.report.forEach(printError)
            if summary.issues.hasErrors {
                throw fail("\(file): nothing was imported; the inventory is unchanged", ExitStatus.invalidData)
            }
            let counts = "\(summary.added) added, \(summary.changed) changed, \(summary.unchanged) unchanged"
            print(dryRun ? "\(file): dry run, nothing written; would be \(counts)" : "\(file): \(counts)")
        }
    }
}
