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
    /// The findings cell is put together here, reused from row to row.
    private var findings: [UInt8] = []

    public init(sink: Sink) { csv = CSVWriter(sink: sink) }

    public func begin() throws(FileAccessError) { try csv.writeRecord(Self.headers) }

    public func write(_ item: AssessedSystem) throws(FileAccessError) {
        for column in Column.allCases { try csv.writeField(FieldCodec.text(of: column, in: item.system)) }
        let assessment = item.assessment
        try writeTenths(assessment.scoreTenths)
        try csv.writeField(assessment.tier.token)
        try writeVector(item.system.profile)
        try csv.writeField(assessment.policyVersion)
        for contribution in assessment.contributions { try writeTenths(contribution.tenths) }
        try csv.writeField(AssessmentFields.escalationNames(assessment))
        try writeFindings(item.system.profile)
        try csv.endRecord()
    }

    public func finish(trailer: [String: String]) throws(FileAccessError) { try csv.flush() }

    private func writeTenths(_ tenths: Int) throws(FileAccessError) {
        guard AssessmentFields.tenthsCells.indices.contains(tenths) else { return try csv.writeField(formatTenths(tenths)) }
        try csv.writeField(AssessmentFields.tenthsCells[tenths])
    }

    private func writeVector(_ profile: RiskProfile) throws(FileAccessError) {
        try RiskVector.withFormatted(profile) { (vector) throws(FileAccessError) in try csv.writeField(bytes: vector) }
    }

    private func writeFindings(_ profile: RiskProfile) throws(FileAccessError) {
        findings.removeAll(keepingCapacity: true)
        profile.forEachFindingCode { code in
            if !findings.isEmpty { findings.append(UInt8(ascii: ";")) }
            findings.append(contentsOf: code.utf8)
        }
        try csv.writeField(findings)
    }
}

/// The derived values of an assessment as the exports spell them.
public enum AssessmentFields {
    public static func escalationNames(_ assessment: Assessment) -> String {
        assessment.escalations.map(\.name).joined(separator: ";")
    }

    /// `formatTenths` of every score and contribution a policy can give (0-100 points), spelled
    /// once rather than on every row.
    static let tenthsCells: [[UInt8]] = (0...Policy.maximumPoints * Policy.totalWeight).map { Array(formatTenths($0).utf8) }
}
