import InventoryFiles
import RiskModel

/// `--format table`: a readable, aligned summary of assessments for a terminal.
final class AssessmentTableWriter<Sink: ByteSink>: AssessmentWriter {
    private let output: TextOutput<Sink>
    private let table = TextTable(columns: [
        .init(title: "ID", width: 18, whole: true), .init(title: "NAME", width: 30), .init(title: "VENDOR", width: 22),
        .init(title: "SCORE", width: 5, rightAligned: true), .init(title: "TIER", width: 8),
        .init(title: "ESCALATIONS", width: 0),
    ])

    init(sink: Sink) { output = TextOutput(sink: sink) }

    func begin() throws(FileAccessError) { try output.append(table.header) }

    func write(_ item: AssessedSystem) throws(FileAccessError) {
        let assessment = item.assessment
        try output.append(table.line([
            item.system.id.rawValue, item.system.name, item.system.vendor, formatTenths(assessment.scoreTenths),
            assessment.tier.token, AssessmentFields.escalationNames(assessment),
        ]))
    }

    func finish(trailer: [String: TrailerValue]) throws(FileAccessError) { try output.flush() }
}
