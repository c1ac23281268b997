import ArgumentParser
import Inventory
import InventoryFiles
import RiskModel

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one system: every field, its score explained factor by factor, and its findings.",
        discussion: """
            Example:
              radrisk show NHP-CT-011
            """)

    @Argument(help: "The system's id.")
    var id: String

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var policyOptions: PolicyOptions

    @Option(name: .long, help: "text or json.")
    var format: ShowFormat = .text

    enum ShowFormat: String, ExpressibleByArgument { case text, json }

    func run() throws {
        try running {
            let (store, stored) = try database.openSystem(id, policy: try policyOptions.given())
            let item = AssessedSystem(system: stored.system, policy: store.policy)
            let sink = FileByteSink.standardOutput()
            switch format {
            case .json:
                let writer = ExportFormat.json.writer(to: sink)
                try writer.begin()
                try writer.write(item)
                var trailer: [String: TrailerValue] = [
                    "version": .number(stored.version), "updated_by": .text(stored.updatedBy), "updated_at": .text(stored.updatedAt),
                ]
                if let archivedAt = stored.archivedAt { trailer["archived_at"] = .text(archivedAt) }
                try writer.finish(trailer: trailer)
            case .text:
                let output = TextOutput(sink: sink)
                try output.append(SystemReport.text(item, stored: stored))
                try output.flush()
            }
        }
    }
}

/// The plain-text explanation of one system's assessment.
enum SystemReport {
    static func text(_ item: AssessedSystem, stored: StoredSystem) -> String {
        let system = item.system
        let assessment = item.assessment
        func safe(_ text: String) -> String { Printable.escaped(text) }
        var lines: [String] = []
        lines.append("\(safe(system.id.rawValue))  \(safe(system.name))")
        if let archivedAt = stored.archivedAt {
            lines.append("  DELETED at \(archivedAt): in the archive, not in lists or exports; `radrisk restore \(safe(system.id.rawValue))` brings it back")
        }
        for column in Column.allCases where column != .id && column != .name && column != .notes {
            lines.append("  \(column.header): \(safe(FieldCodec.text(of: column, in: system)))")
        }
        lines.append("  version \(stored.version), updated \(stored.updatedAt) by \(safe(stored.updatedBy))")
        lines.append("")
        var verdict = "Risk score \(formatTenths(assessment.scoreTenths)) / 100, tier \(assessment.tier.token.uppercased())"
        if assessment.tier != assessment.scoreTier { verdict += " (the score alone gives \(assessment.scoreTier.token))" }
        lines.append(verdict)
        lines.append("Policy \(safe(assessment.policyVersion)), vector \(RiskVector.format(system.profile))")
        for rule in assessment.escalations {
            lines.append("  escalation \(safe(rule.name)) -> \(rule.raiseTo.token): \(safe(rule.reason)) [\(safe(rule.regulation))]")
        }
        lines.append("")
        let table = TextTable(columns: [
            .init(title: "FACTOR", width: 22), .init(title: "LEVEL", width: 36),
            .init(title: "POINTS", width: 6, rightAligned: true), .init(title: "WEIGHT", width: 6, rightAligned: true),
            .init(title: "CONTRIBUTION", width: 12, rightAligned: true),
        ])
        var text = lines.joined(separator: "\n") + "\n" + table.header
        for contribution in assessment.contributions {
            text += table.line([
                contribution.factor.title, system.profile.levelDescription(of: contribution.factor),
                String(contribution.points), String(contribution.weight), formatTenths(contribution.tenths),
            ])
        }
        let findings = system.profile.findings
        text += "\nFindings (\(findings.count)):\n"
        for finding in findings {
            text += "  \(finding.code): \(finding.explanation)\n"
            text += "    do: \(finding.recommendation)\n"
            text += "    regulation: \(finding.regulation)\n"
            if let question = finding.vendorQuestion { text += "    ask the vendor: \(question)\n" }
        }
        if !system.notes.isEmpty {
            text += "\nNotes:\n"
            for line in system.notes.split(separator: "\n", omittingEmptySubsequences: false) {
                text += "  \(safe(String(line)))\n"
            }
        }
        return text
    }
}
