import ArgumentParser
import InventoryFiles
import RiskModel

/// Output formats of commands that print assessments.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case csv, json, table

    func writer(to sink: FileByteSink) -> any AssessmentWriter {
        switch self {
        case .csv: ExportFormat.csv.writer(to: sink)
        case .json: ExportFormat.json.writer(to: sink)
        case .table: AssessmentTableWriter(sink: sink)
        }
    }
}

struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score an inventory CSV and print the assessment, without touching the database.",
        discussion: """
            Rows are read, checked against the inventory contract, scored and written one at a time, \
            so files of any size stream. Every invalid row is reported on standard error (the first \
            100, then a count) with file, line, column, the value and what is allowed; valid rows are \
            still printed, and the exit status is then 65.

            Example:
              radrisk score SampleData/inventory.csv --format table
            """)

    @Argument(help: ArgumentHelp("The inventory CSV; - reads standard input.", valueName: "file.csv"))
    var file: String

    @OptionGroup var policyOptions: PolicyOptions

    @Option(name: .long, help: "Output format.")
    var format: OutputFormat = .csv

    func run() throws {
        try running {
            let policy = try policyOptions.load()
            let source = try FileByteSource(path: file)
            let writer = format.writer(to: .standardOutput())
            let log = if format == .csv, source.size != nil {
                try ChunkedInventoryReading.read(
                    source, named: file, today: Today.date,
                    onUsableHeader: {
                        try writer.begin()
                        try writer.finish(trailer: [:])
                    },
                    renderer: { AssessmentCSVRows(policy: policy, output: $0) }, to: FileByteSink.standardOutput())
            } else {
                try streamInTwoStages(source, policy: policy, writer: writer)
            }
            log.report.forEach(printError)
            if log.hasErrors { throw ExitStatus.invalidData }
        }
    }

    /// Reads and decodes on one core, scores and writes on the other: for a pipe, which cannot be
    /// read in chunks side by side, and for the formats whose rows depend on the rows before.
    private func streamInTwoStages(_ source: FileByteSource, policy: Policy, writer: any AssessmentWriter) throws -> CSVIssueLog {
        let today = Today.date
        var begun = false
        let log = try Pipeline.run { emit in
            try InventoryReading.read(source, file: file, today: today, onUsableHeader: { try emit(.begin) }) { system, _ in
                try emit(.system(system))
            }
        } consume: { (item: ScoredItem) in
            switch item {
            case .begin:
                try writer.begin()
                begun = true
            case .system(let system): try writer.write(AssessedSystem(system: system, policy: policy))
            }
        }
        if begun { try writer.finish(trailer: ["policy_version": .text(policy.version)]) }
        return log
    }

    /// What the reading core hands over: the start of the output, once the file is known to be
    /// an inventory (an empty file or another CSV prints nothing but its errors), then each system.
    private enum ScoredItem: Sendable {
        case begin
        case system(ImagingSystem)
    }
}
