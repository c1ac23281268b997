import ArgumentParser
import Inventory
import InventoryFiles
import RiskModel

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the systems of the inventory, one line each.",
        discussion: """
            Example:
              radrisk list --tier critical high --sort vendor
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var policyOptions: PolicyOptions

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Only these tiers.", valueName: "tier"))
    var tier: [Tier] = []

    @Option(name: .long, help: "Sort by this column (score and tier sort riskiest first).")
    var sort: SortKey = .score

    @Flag(name: .long, help: "Reverse the order.")
    var reverse = false

    @Option(name: .long, help: ArgumentHelp("Only systems whose name, vendor, site, clinical use or notes contain this text.", valueName: "text"))
    var search: String = ""

    @Option(name: .long, parsing: .unconditional, help: "Show at most this many systems.", transform: wholeNumber(atLeast: 0))
    var limit: Int?

    @Flag(name: .long, help: "List the archive (deleted systems) instead.")
    var archived = false

    func run() throws {
        try running {
            let store = try database.openStore(policy: try policyOptions.given())
            let riskiestFirst = sort == .score || sort == .tier
            let query = InventoryQuery(text: search, tiers: Set(tier), sort: sort, descending: riskiestFirst != reverse, archived: archived)
            let output = TextOutput(sink: FileByteSink.standardOutput())
            try output.append(Self.table.header)
            var remaining = limit ?? .max
            var last: SystemSummary?
            while remaining > 0 {
                let page = try store.page(query, after: last, limit: min(remaining, 1_000))
                for row in page {
                    try output.append(Self.table.line([
                        row.id.rawValue, row.name, row.vendor, row.modality, row.site, formatTenths(row.scoreTenths), row.tier.token,
                    ]))
                }
                guard let end = page.last else { break }
                last = end
                remaining -= page.count
            }
            try output.flush()
        }
    }

    private static let table = TextTable(columns: [
        .init(title: "ID", width: 18, whole: true), .init(title: "NAME", width: 30), .init(title: "VENDOR", width: 22),
        .init(title: "MODALITY", width: 8), .init(title: "SITE", width: 28),
        .init(title: "SCORE", width: 5, rightAligned: true), .init(title: "TIER", width: 0),
    ])
}

extension SortKey: ExpressibleByArgument {}
