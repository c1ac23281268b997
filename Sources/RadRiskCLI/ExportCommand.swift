import ArgumentParser
import Inventory
import InventoryFiles
import RiskModel

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the assessment of the inventory (CSV per the inventory contract, or JSON).",
        discussion: """
            The CSV export has every contract column followed by risk_score, risk_tier, risk_vector, \
            policy_version, one score_<factor> column per factor, escalations and findings. Cells that \
            a spreadsheet would run as a formula are written with a leading '. Importing an export \
            gives back the same inventory.

            Example:
              radrisk export --format csv --output assessment.csv
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var policyOptions: PolicyOptions

    @Option(name: .long, help: "Output format.")
    var format: ExportFormat = .csv

    @Option(name: .long, help: ArgumentHelp("Write here instead of standard output (replaced atomically).", valueName: "file"))
    var output: String?

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Only these tiers.", valueName: "tier"))
    var tier: [Tier] = []

    func run() throws {
        try running {
            let store = try database.openStore(policy: try policyOptions.given())
            let query = InventoryQuery(tiers: Set(tier), sort: .id, descending: false)
            let position: AuditPosition
            if let output {
                position = try store.export(query, format: format, toFile: output)
            } else {
                position = try store.export(query, format: format, to: FileByteSink.standardOutput())
                if format == .csv, store.readOnlyReason == nil, let file = StandardOutput.regularFilePath {
                    try store.recordExport(to: file, at: position)
                }
            }
            // The CSV stays exactly as the contract says; the chain head goes beside it.
            if format == .csv { printError("audit head \(position.head) at entry \(position.sequence)") }
        }
    }
}

extension Tier: ExpressibleByArgument {
    public init?(argument: String) { self.init(token: argument) }
    public static var allValueStrings: [String] { tokens }
}
