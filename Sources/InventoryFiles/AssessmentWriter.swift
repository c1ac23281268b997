import RiskModel

/// A system and its assessment, as every export writes them.
public struct AssessedSystem: Sendable {
    public let system: ImagingSystem
    public let assessment: Assessment

    public init(system: ImagingSystem, assessment: Assessment) {
        self.system = system
        self.assessment = assessment
    }

    public init(system: ImagingSystem, policy: Policy) {
        self.init(system: system, assessment: policy.assess(system.profile))
    }
}

/// Writes an assessment export, one system at a time, in any of the export formats.
public protocol AssessmentWriter: AnyObject {
    func begin() throws(FileAccessError)
    func write(_ item: AssessedSystem) throws(FileAccessError)
    /// Closes the document; `trailer` lands where the format has room for it (JSON only).
    func finish(trailer: [String: String]) throws(FileAccessError)
}

public enum ExportFormat: String, CaseIterable, Sendable {
    case csv, json

    public func writer<Sink: ByteSink>(to sink: Sink) -> any AssessmentWriter {
        switch self {
        case .csv: AssessmentCSVWriter(sink: sink)
        case .json: AssessmentJSONWriter(sink: sink)
        }
    }
}

/// The contract's assessment export: every contract column, then the derived columns.
public final class AssessmentCSVWriter<Sink: ByteSink>: AssessmentWriter {
    public static var headers: [String] { Column.headers + AssessmentColumn.headers }
    private let csv: CSVWriter<Sink>

    public init(sink: Sink) { csv = CSVWriter(sink: sink) }

    public func begin() throws(FileAccessError) { try csv.writeRecord(Self.headers) }

    public func write(_ item: AssessedSystem) throws(FileAccessError) {
        for column in Column.allCases { try csv.writeField(FieldCodec.text(of: column, in: item.system)) }
        for field in AssessmentFields.derived(item) { try csv.writeField(field) }
        try csv.endRecord()
    }

    public func finish(trailer: [String: String]) throws(FileAccessError) { try csv.flush() }
}

/// The derived values of an assessment as the exports spell them.
public enum AssessmentFields {
    /// The derived columns' cells, in `AssessmentColumn.headers` order.
    public static func derived(_ item: AssessedSystem) -> [String] {
        let assessment = item.assessment
        var fields = [
            formatTenths(assessment.scoreTenths), assessment.tier.token, RiskVector.format(item.system.profile),
            assessment.policyVersion,
        ]
        fields += assessment.contributions.map { formatTenths($0.tenths) }
        fields.append(escalationNames(assessment))
        fields.append(findingCodes(item.system.profile))
        return fields
    }

    public static func escalationNames(_ assessment: Assessment) -> String {
        assessment.escalations.map(\.name).joined(separator: ";")
    }

    public static func findingCodes(_ profile: RiskProfile) -> String {
        profile.findings.map(\.code).joined(separator: ";")
    }
}
