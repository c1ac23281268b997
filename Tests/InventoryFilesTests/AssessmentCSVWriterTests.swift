import InventoryFiles
import RiskModel
import Testing

/// The CSV export spells tokens, numbers, dates, scores and findings from tables of bytes. These
/// tests hold it to the plain spelling: every cell's text, through the general CSV writer.
@Suite("Assessment CSV rows")
struct AssessmentCSVWriterTests {
    @Test(arguments: 0..<6)
    func aRowIsTheSpelledTextOfEveryCell(variant: Int) throws {
        let system = Self.system(variant)
        let item = AssessedSystem(system: system, policy: .standard)
        #expect(try Self.row(written: item) == Self.row(spelledOut: item))
    }

    /// An export copies free text from the bytes it was stored as; the rows must be those written
    /// from the decoded system, in both formats, also for text that is not valid UTF-8.
    @Test(arguments: 0..<6, ExportFormat.allCases)
    func freeTextFromStoredBytesIsWrittenAsItsDecodedText(variant: Int, format: ExportFormat) throws {
        var system = Self.system(variant)
        var stored: [Column: [UInt8]] = [:]
        for column in Column.allCases where column.isFreeText {
            stored[column] = Array(FieldCodec.text(of: column, in: system).utf8)
        }
        // A database edited by hand: a stray continuation byte and a cut-off sequence.
        stored[.owner] = [0x41, 0x80, 0x42, 0xE2, 0x82]
        _ = stored[.owner]!.withUnsafeBufferPointer { FieldCodec.setStoredText(.owner, $0, on: &system) }
        let item = AssessedSystem(system: system, policy: .standard)
        var bare = ImagingSystem(id: system.id, name: "-")
        bare.modalities = system.modalities
        bare.regulatoryStatus = system.regulatoryStatus
        bare.profile = system.profile
        bare.lastReviewed = system.lastReviewed
        let cells = stored.mapValues { bytes in
            let cell = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
            _ = cell.initialize(from: bytes)
            return UnsafeBufferPointer(cell)
        }
        defer { cells.values.forEach { $0.deallocate() } }
        let fromBytes = try Self.written(format) { writer in
            try writer.write(AssessedSystem(system: bare, assessment: item.assessment)) { cells[$0]! }
        }
        #expect(fromBytes == (try Self.written(format) { try $0.write(item) }))
    }

    static func written(_ format: ExportFormat, _ body: (any AssessmentWriter) throws -> Void) throws -> [UInt8] {
        let sink = MemoryByteSink()
        let writer = format.writer(to: sink)
        try body(writer)
        try writer.finish(trailer: [:])
        return sink.bytes
    }

    /// Each variant puts every enumerated column at a different level, and varies the numbers,
    /// the date, the modalities and text that needs quoting or the formula guard.
    static func system(_ variant: Int) -> ImagingSystem {
        func level<L: FactorLevel>(_: L.Type) -> L { L.allCases[variant % L.allCases.count] }
        let retentions: [Retention] = [.days(0), .days(36_500), .indefinite, .unknown, .days(30), .days(7)]
        let breaches: [BreachCount] = [.count(0), .unknown, .count(1_000), .count(3), .unknown, .count(12)]
        let modalities: [ModalitySet] = [[], [ModalitySet(.ct)], [ModalitySet(.cr), ModalitySet(.dx), ModalitySet(.ot)], [ModalitySet(.mg)], [], [ModalitySet(.us), ModalitySet(.nm)]]
        let texts = ["plain", "with, comma", "=SUM(A1)", "say \"hi\"", "two\nlines", "-1"]
        let profile = RiskProfile(
            dataLocality: level(DataLocality.self), vendorSharing: level(VendorSharing.self),
            vendorTrainingUse: level(VendorTrainingUse.self), encryptionAtRest: level(EncryptionAtRest.self),
            encryptionInTransit: level(EncryptionInTransit.self), retention: retentions[variant],
            unlearning: level(Unlearning.self), outputExposure: level(OutputExposure.self),
            imageIntegrity: level(ImageIntegrity.self), deidentification: level(Deidentification.self),
            accessControl: level(AccessControl.self), patientConsent: level(PatientConsent.self), breaches: breaches[variant])
        return ImagingSystem(
            id: SystemID(variant.isMultiple(of: 2) ? "SYS-\(variant)" : "-\(variant)")!, name: texts[variant],
            vendor: texts[(variant + 1) % texts.count], productVersion: "v\(variant)", modalities: modalities[variant],
            clinicalUse: texts[(variant + 2) % texts.count], site: "Hôpital \(variant)", owner: texts[(variant + 3) % texts.count],
            regulatoryStatus: level(RegulatoryStatus.self), profile: profile,
            lastReviewed: variant.isMultiple(of: 3) ? nil : CalendarDate(year: 2000 + variant, month: variant + 1, day: 9 + variant),
            notes: texts[(variant + 4) % texts.count])
    }

    static func row(written item: AssessedSystem) throws -> String {
        let sink = MemoryByteSink()
        let writer = AssessmentCSVWriter(sink: sink)
        try writer.write(item)
        try writer.finish(trailer: [:])
        return sink.text
    }

    static func row(spelledOut item: AssessedSystem) throws -> String {
        let assessment = item.assessment
        let cells = Column.allCases.map { FieldCodec.text(of: $0, in: item.system) }
            + [formatTenths(assessment.scoreTenths), assessment.tier.token, RiskVector.format(item.system.profile), assessment.policyVersion]
            + assessment.contributions.map { formatTenths($0.tenths) }
            + [AssessmentFields.escalationNames(assessment), item.system.profile.findings.map(\.code).joined(separator: ";")]
        let sink = MemoryByteSink()
        let csv = CSVWriter(sink: sink)
        try csv.writeRecord(cells)
        try csv.flush()
        return sink.text
    }
}
