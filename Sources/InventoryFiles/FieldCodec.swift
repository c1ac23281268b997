import Glibc
import RiskModel

/// Reads and writes one contract cell of a system. The CSV importer, `radrisk edit --set` and the
/// dashboard's edit form all go through here, so a value is accepted by one exactly when the
/// others accept it.
public enum FieldCodec {
    /// Sets `column` of `system` from a cell's bytes (the formula-injection `'` already removed).
    public static func set(
        _ column: Column, from cell: UnsafeBufferPointer<UInt8>, on system: inout ImagingSystem, today: CalendarDate
    ) throws(FieldError) {
        func fail(_ problem: String? = nil) -> FieldError {
            FieldError(column: column, value: String(decoding: cell, as: UTF8.self), problem: problem)
        }
        func level<L: FactorLevel>(_: L.Type) throws(FieldError) -> L {
            guard let table = TokenTable.byColumn[column.rawValue], let value = TokenMatcher.level(L.self, cell, in: table) else {
                throw fail()
            }
            return value
        }
        func text(multiline: Bool = false) throws(FieldError) -> String {
            let scan = TextScan(cell)
            // `String(validating:)` looks up generic metadata on every call (a twentieth of a
            // million-row score); decoding, then checking that nothing was repaired, does not.
            // (A cell that is not ASCII has bytes, so both base addresses exist.)
            var string = String(decoding: cell, as: UTF8.self)
            if !scan.isASCII, !string.withUTF8({ $0.count == cell.count && memcmp($0.baseAddress!, cell.baseAddress!, cell.count) == 0 }) {
                throw fail("is not valid UTF-8")
            }
            if scan.mayHoldControl, let bad = string.unicodeScalars.first(where: { isControl($0, multiline: multiline) }) {
                throw fail("contains the control character \(Printable.escaped(String(bad)))")
            }
            return string
        }
        // Text that the contract bounds only by the field limit, which holds for the cell as an
        // export writes it: with a `'` before a formula.
        func fieldText() throws(FieldError) -> String {
            let limit = CSVLimits.defaultMaximumFieldBytes
            if cell.count >= limit {
                let guarded = FormulaGuard.needsGuard(cell)
                let written = cell.count + (guarded ? 1 : 0)
                if written > limit {
                    throw fail(guarded
                        ? "is \(cell.count) bytes long, \(written) with the ' that guards it against spreadsheet formulas"
                        : "is \(written) bytes long")
                }
            }
            return try text()
        }
        func checkLength(_ string: String, limit: Int) throws(FieldError) {
            // A character takes at least a byte: most cells are cleared without counting.
            guard string.utf8.count > limit else { return }
            let characters = ImagingSystem.characterCount(string)
            if characters > limit { throw fail("is \(characters) characters long") }
        }

        switch column {
        case .id:
            guard let id = SystemID(utf8: cell) else { throw fail() }
            system.id = id
        case .name:
            let name = try text()
            guard !name.isEmpty else { throw fail("is empty") }
            try checkLength(name, limit: ImagingSystem.maximumNameLength)
            system.name = name
        case .vendor: system.vendor = try fieldText()
        case .productVersion: system.productVersion = try fieldText()
        case .clinicalUse: system.clinicalUse = try fieldText()
        case .site: system.site = try fieldText()
        case .owner: system.owner = try fieldText()
        case .notes:
            let notes = try text(multiline: true)
            try checkLength(notes, limit: ImagingSystem.maximumNotesLength)
            system.notes = notes
        case .modality:
            var set = ModalitySet()
            for piece in cell.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: true) {
                let code = UnsafeBufferPointer(rebasing: piece)
                // Tokens are trimmed, so a blank piece is an empty one, which the contract ignores.
                if TokenMatcher.isBlank(code) { continue }
                guard let modality = TokenMatcher.level(Modality.self, code, in: TokenTable.modality) else {
                    throw fail("has '\(Printable.escaped(String(decoding: code, as: UTF8.self)))', not a DICOM modality code")
                }
                set.insert(ModalitySet(modality))
            }
            system.modalities = set
        case .regulatoryStatus: system.regulatoryStatus = try level(RegulatoryStatus.self)
        case .dataLocality: system.profile.dataLocality = try level(DataLocality.self)
        case .vendorSharing: system.profile.vendorSharing = try level(VendorSharing.self)
        case .vendorTrainingUse: system.profile.vendorTrainingUse = try level(VendorTrainingUse.self)
        case .encryptionAtRest: system.profile.encryptionAtRest = try level(EncryptionAtRest.self)
        case .encryptionInTransit: system.profile.encryptionInTransit = try level(EncryptionInTransit.self)
        case .unlearning: system.profile.unlearning = try level(Unlearning.self)
        case .outputExposure: system.profile.outputExposure = try level(OutputExposure.self)
        case .imageIntegrity: system.profile.imageIntegrity = try level(ImageIntegrity.self)
        case .deidentification: system.profile.deidentification = try level(Deidentification.self)
        case .accessControl: system.profile.accessControl = try level(AccessControl.self)
        case .patientConsent: system.profile.patientConsent = try level(PatientConsent.self)
        case .retentionDays:
            if TokenMatcher.isBlank(cell) || TokenMatcher.matches(cell, "unknown") {
                system.profile.retention = .unknown
            } else if TokenMatcher.matches(cell, "indefinite") {
                system.profile.retention = .indefinite
            } else {
                guard let days = TokenMatcher.wholeNumber(cell, maximum: Retention.maximumDays) else { throw fail() }
                system.profile.retention = .days(days)
            }
        case .breaches3y:
            if TokenMatcher.isBlank(cell) || TokenMatcher.matches(cell, "unknown") {
                system.profile.breaches = .unknown
            } else {
                guard let count = TokenMatcher.wholeNumber(cell, maximum: BreachCount.maximum) else { throw fail() }
                system.profile.breaches = .count(count)
            }
        case .lastReviewed:
            if TokenMatcher.isBlank(cell) {
                system.lastReviewed = nil
                return
            }
            guard let date = CalendarDate(isoBytes: TokenMatcher.trim(cell)) else {
                throw fail("is not a real calendar date")
            }
            guard date <= today else { throw fail("is in the future (today is \(today))") }
            system.lastReviewed = date
        }
    }

    /// Checks a free-text cell exactly as `set` would, without making the `String` that `set`
    /// keeps: a score run writes the cell's bytes again as they are, and most cells are
    /// well-formed text without control characters, which pass as they stand.
    public static func checkFreeText(_ column: Column, from cell: UnsafeBufferPointer<UInt8>, today: CalendarDate) throws(FieldError) {
        precondition(column.isFreeText, "\(column) is not free text")
        let scan = TextScan(cell)
        let limit = switch column {
        case .name: ImagingSystem.maximumNameLength
        case .notes: ImagingSystem.maximumNotesLength
        // A cell at the field limit is too long if an export would guard it: `set` decides.
        default: CSVLimits.defaultMaximumFieldBytes - 1
        }
        // A character takes at least a byte (CRLF takes two, and the control check sends it on).
        if scan.isASCII || WellFormedUTF8.check(cell), !scan.mayHoldControl, cell.count <= limit,
           column != .name || !cell.isEmpty { return }
        var scratch = ImagingSystem(id: SystemID.placeholder, name: "")
        try set(column, from: cell, on: &scratch, today: today)
    }

    /// Sets `column` of `system` from typed text (the same rules as a CSV cell).
    public static func set(_ column: Column, text: String, on system: inout ImagingSystem, today: CalendarDate) throws(FieldError) {
        var text = text
        let result: Result<Void, FieldError> = text.withUTF8 { cell in
            do throws(FieldError) {
                try set(column, from: cell, on: &system, today: today)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    /// Every problem with a system's fields, by the same rules as import (the date is not checked
    /// against today: a stored review date stays valid as time passes).
    public static func problems(in system: ImagingSystem) -> [FieldError] {
        var scratch = system
        return Column.allCases.compactMap { column in
            do throws(FieldError) {
                try set(column, text: text(of: column, in: system), on: &scratch, today: .latest)
                return nil
            } catch {
                return error
            }
        }
    }

    /// Sets a free-text column exactly as stored, without validation: a database edited behind the
    /// program's back must still open, with any control characters shown escaped by the screens.
    /// Returns false for columns that are not free text.
    public static func setStoredText(_ column: Column, _ cell: UnsafeBufferPointer<UInt8>, on system: inout ImagingSystem) -> Bool {
        guard column.isFreeText else { return false }
        func text() -> String { String(decoding: cell, as: UTF8.self) }
        switch column {
        case .name: system.name = text()
        case .vendor: system.vendor = text()
        case .productVersion: system.productVersion = text()
        case .clinicalUse: system.clinicalUse = text()
        case .site: system.site = text()
        case .owner: system.owner = text()
        case .notes: system.notes = text()
        default: preconditionFailure("\(column) is not free text")
        }
        return true
    }

    /// The cell text of `column` for `system`, canonical: tokens in lower case, `unknown` written out.
    public static func text(of column: Column, in system: ImagingSystem) -> String {
        text(value(of: column, in: system), of: column)
    }

    /// How `value`, a cell of `column`, is spelled.
    public static func text(_ value: CellValue, of column: Column) -> String {
        switch value {
        case .text(let text), .word(let text): text
        case .choice(let index): column.choices![index]
        case .modalities(let set): set.token
        case .number(let number): String(number)
        case .date(let date): date?.description ?? ""
        }
    }

    /// What the cell of `column` holds for `system`, before it is spelled.
    public static func value(of column: Column, in system: ImagingSystem) -> CellValue {
        let profile = system.profile
        return switch column {
        case .id: .text(system.id.rawValue)
        case .name: .text(system.name)
        case .vendor: .text(system.vendor)
        case .productVersion: .text(system.productVersion)
        case .modality: .modalities(system.modalities)
        case .clinicalUse: .text(system.clinicalUse)
        case .site: .text(system.site)
        case .owner: .text(system.owner)
        case .regulatoryStatus: .choice(system.regulatoryStatus.rawValue)
        case .dataLocality: .choice(profile.dataLocality.rawValue)
        case .vendorSharing: .choice(profile.vendorSharing.rawValue)
        case .vendorTrainingUse: .choice(profile.vendorTrainingUse.rawValue)
        case .encryptionAtRest: .choice(profile.encryptionAtRest.rawValue)
        case .encryptionInTransit: .choice(profile.encryptionInTransit.rawValue)
        case .retentionDays:
            switch profile.retention {
            case .days(let days): .number(days)
            case .indefinite, .unknown: .word(profile.retention.token)
            }
        case .unlearning: .choice(profile.unlearning.rawValue)
        case .outputExposure: .choice(profile.outputExposure.rawValue)
        case .imageIntegrity: .choice(profile.imageIntegrity.rawValue)
        case .deidentification: .choice(profile.deidentification.rawValue)
        case .accessControl: .choice(profile.accessControl.rawValue)
        case .patientConsent: .choice(profile.patientConsent.rawValue)
        case .breaches3y:
            switch profile.breaches {
            case .count(let count): .number(count)
            case .unknown: .word(profile.breaches.token)
            }
        case .lastReviewed: .date(system.lastReviewed)
        case .notes: .text(system.notes)
        }
    }

    /// A contract cell's value before it is spelled. The CSV export spells choices, numbers and
    /// dates from tables of bytes (a million rows a run); everything else spells them as text.
    public enum CellValue {
        /// Free text, or the id.
        case text(String)
        /// A fixed word: `unknown`, `indefinite`.
        case word(String)
        /// An index into the column's `choices`.
        case choice(Int)
        case modalities(ModalitySet)
        case number(Int)
        /// A date, or none (an empty cell).
        case date(CalendarDate?)
    }

    /// One pass over a text cell's bytes.
    struct TextScan {
        var isASCII: Bool
        /// Control characters are bytes below 0x20, 0x7F, or U+0080-U+009F, which UTF-8 starts
        /// with 0xC2: false clears a cell without walking its scalars.
        var mayHoldControl: Bool

        init(_ cell: UnsafeBufferPointer<UInt8>) {
            var union: UInt8 = 0
            var suspects = 0
            for byte in cell {
                union |= byte
                suspects &+= (byte < 0x20 || byte == 0x7F || byte == 0xC2) ? 1 : 0
            }
            isASCII = union < 0x80
            mayHoldControl = suspects > 0
        }
    }

    private static func isControl(_ scalar: Unicode.Scalar, multiline: Bool) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0D, 0x09: !multiline
        case 0..<0x20, 0x7F...0x9F: true
        default: false
        }
    }
}

extension FieldCodec {
    /// The contract columns whose cell text differs between two versions of a system.
    /// Byte by byte, as SQLite compares: `String`'s `==` takes canonically equivalent texts (an
    /// `é` precomposed or not) for equal, and a change the database stores would go unrecorded.
    public static func columns(differingBetween old: ImagingSystem, and new: ImagingSystem) -> [Column] {
        Column.allCases.filter { !text(of: $0, in: old).utf8.elementsEqual(text(of: $0, in: new).utf8) }
    }

    /// A whole system as one contract CSV record, columns in the contract's order, without the
    /// line end: how the audit trail keeps a created or deleted record.
    public static func contractRecord(of system: ImagingSystem) -> String {
        let sink = MemoryByteSink()
        let csv = CSVWriter(sink: sink, bufferSize: 512)
        // A memory sink cannot fail to take bytes.
        for column in Column.allCases { try! csv.writeField(text(of: column, in: system)) }
        try! csv.flush()
        return sink.text
    }

    /// The texts of every contract column, in order, from a `contractRecord` (a cell's formula
    /// guard taken off, as an import takes it off); nil for text that is not one record of that
    /// many fields.
    public static func contractTexts(ofRecord record: String) -> [String]? {
        let reader = CSVReader(source: MemoryByteSource(record), chunkSize: max(1, record.utf8.count))
        guard (try? reader.readNext()) == true, reader.record.fieldCount == Column.allCases.count else { return nil }
        let fields = reader.record
        let texts = (0..<fields.fieldCount).map { index in
            fields.withField(index) { String(decoding: FormulaGuard.unescaped($0), as: UTF8.self) }
        }
        return (try? reader.readNext()) == false ? texts : nil
    }
}
