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
    /// Writes a system whose free text is still the bytes it was stored as: `item.system` leaves
    /// those columns unset, and `freeText` gives each one's bytes (as `FieldCodec.setStoredText`
    /// would take them).
    func write(_ item: AssessedSystem, freeText: (Column) -> UnsafeBufferPointer<UInt8>) throws(FileAccessError)
    /// Closes the document; `trailer` lands where the format has room for it (JSON only).
    func finish(trailer: [String: TrailerValue]) throws(FileAccessError)
}

/// A value of an export's trailer: what the export was made from. A count or a sequence number is
/// a JSON number, so that a script compares it as one.
public enum TrailerValue: Sendable, Equatable {
    case text(String)
    case number(Int)
}

extension AssessmentWriter {
    public func write(_ item: AssessedSystem, freeText: (Column) -> UnsafeBufferPointer<UInt8>) throws(FileAccessError) {
        var system = item.system
        for column in Column.allCases where column.isFreeText { _ = FieldCodec.setStoredText(column, freeText(column), on: &system) }
        try write(AssessedSystem(system: system, assessment: item.assessment))
    }
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
    private let spellings = AssessmentSpellings.shared

    public init(sink: Sink) { csv = CSVWriter(sink: sink) }

    public func begin() throws(FileAccessError) { try csv.writeRecord(Self.headers) }

    public func write(_ item: AssessedSystem) throws(FileAccessError) {
        for column in Column.allCases { try writeCell(column, of: item.system) }
        try writeAssessment(item)
    }

    /// Copies free text straight from its stored bytes when they are well-formed: making a
    /// `String` of each cell, only to write its bytes again, was a seventh of a million-row
    /// export's busier core.
    public func write(_ item: AssessedSystem, freeText: (Column) -> UnsafeBufferPointer<UInt8>) throws(FileAccessError) {
        try write(item, freeText: freeText, checked: false)
    }

    /// As `write(_:freeText:)`, for free text whose bytes `FieldCodec.checkFreeText` has passed.
    public func write(_ item: AssessedSystem, checkedFreeText freeText: (Column) -> UnsafeBufferPointer<UInt8>) throws(FileAccessError) {
        try write(item, freeText: freeText, checked: true)
    }

    private func write(_ item: AssessedSystem, freeText: (Column) -> UnsafeBufferPointer<UInt8>, checked: Bool) throws(FileAccessError) {
        for column in Column.allCases {
            guard column.isFreeText else {
                try writeCell(column, of: item.system)
                continue
            }
            let cell = freeText(column)
            // Other bytes are written as the `String` they decode to, which repairs them.
            if checked || FieldCodec.TextScan(cell).isASCII || WellFormedUTF8.check(cell) {
                try csv.writeField(bytes: cell)
            } else {
                try csv.writeField(String(decoding: cell, as: UTF8.self))
            }
        }
        try writeAssessment(item)
    }

    private func writeAssessment(_ item: AssessedSystem) throws(FileAccessError) {
        let assessment = item.assessment
        try writeTenths(assessment.scoreTenths)
        try csv.writeVerbatimField(bytes: spellings.tier(assessment.tier))
        try RiskVector.withFormatted(item.system.profile) { (vector) throws(FileAccessError) in try csv.writeVerbatimField(bytes: vector) }
        try csv.writeField(assessment.policyVersion)
        for contribution in assessment.contributions { try writeTenths(contribution.tenths) }
        try csv.writeField(AssessmentFields.escalationNames(assessment))
        try writeFindings(item.system.profile)
        try csv.endRecord()
    }

    public func finish(trailer: [String: TrailerValue]) throws(FileAccessError) { try csv.flush() }

    /// Every byte written so far, flushed or not.
    public var bytesWritten: Int { csv.bytesWritten }

    private func writeCell(_ column: Column, of system: ImagingSystem) throws(FileAccessError) {
        switch FieldCodec.value(of: column, in: system) {
        case .text(let text), .word(let text): try csv.writeField(text)
        case .choice(let index): try csv.writeVerbatimField(bytes: spellings.choice(column, index))
        case .number(let number):
            try csv.beginVerbatimField()
            try csv.appendDecimal(number)
        case .date(let date):
            guard let date else { return try csv.beginVerbatimField() }
            try date.withISOBytes { (bytes) throws(FileAccessError) in try csv.writeVerbatimField(bytes: bytes) }
        case .modalities(let set):
            try csv.beginVerbatimField()
            var first = true
            for modality in Modality.allCases where set.contains(ModalitySet(modality)) {
                if !first { try csv.appendVerbatim(spellings.semicolon) }
                first = false
                try csv.appendVerbatim(spellings.modality(modality))
            }
        }
    }

    private func writeTenths(_ tenths: Int) throws(FileAccessError) {
        guard let spelled = spellings.tenths(tenths) else { return try csv.writeField(formatTenths(tenths)) }
        try csv.writeVerbatimField(bytes: spelled)
    }

    private func writeFindings(_ profile: RiskProfile) throws(FileAccessError) {
        try csv.beginVerbatimField()
        var first = true
        var failure: FileAccessError?
        profile.forEachFinding(in: spellings.findingCodes) { code in
            do throws(FileAccessError) {
                if !first { try csv.appendVerbatim(spellings.semicolon) }
                first = false
                try csv.appendVerbatim(spellings.spelled[code])
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }
}

/// The derived values of an assessment as the exports spell them.
public enum AssessmentFields {
    public static func escalationNames(_ assessment: Assessment) -> String {
        assessment.escalations.map(\.name).joined(separator: ";")
    }
}
