import RiskModel

/// Turns the records of an inventory CSV into systems, checking every cell against the contract
/// and locating every problem by file, line and column.
public final class InventoryDecoder {
    public let file: String
    public private(set) var headerIssues: [CSVIssue] = []
    /// For each contract column, its position in the file (nil: the column is absent, so unknown).
    private var positions = [Int?](repeating: nil, count: Column.allCases.count)
    private var headerFieldCount = 0
    private var headerNames: [String] = []
    private let today: CalendarDate
    private var seenIDs = SeenIDs()

    /// Reads the header. Check `headerIssues` for errors before decoding records.
    public init(header: CSVRecord, file: String, today: CalendarDate) {
        self.file = file
        self.today = today
        headerFieldCount = header.fieldCount
        headerNames = header.strings
        // A header cut short, or run on by a stray quote, names columns that are not the file's:
        // judging them would report false absences, and reading on would lose every row quietly.
        if let problem = header.problem {
            headerIssues.append(structureIssue(problem, inHeader: true))
            return
        }
        let derived = Set(AssessmentColumn.headers)
        var seen: [String: Int] = [:]
        for (index, raw) in headerNames.enumerated() {
            let name = Token.normalise(raw)
            if let first = seen[name] {
                headerIssues.append(issue(.error, line: header.line, field: index, message: "column \(Printable.quoted(raw)) appears twice (first as column \(first + 1))"))
                continue
            }
            seen[name] = index
            if let column = Column(header: raw) {
                positions[column.rawValue] = index
            } else if !derived.contains(name) {
                headerIssues.append(issue(
                    .warning, line: header.line, field: index,
                    message: "unknown column \(Printable.quoted(raw)) is not imported; the contract's columns are: \(Column.headers.joined(separator: ", "))"))
            }
        }
        for required in [Column.id, .name] where positions[required.rawValue] == nil {
            headerIssues.append(CSVIssue(
                .error, file: file, line: header.line,
                message: "the header has no '\(required.header)' column; '\(required.header)' is required"))
        }
    }

    public var headerIsUsable: Bool { !headerIssues.contains { $0.severity == .error } }

    /// The system a record describes, or every problem with it. A record with other problems
    /// still claims its id if that cell is valid, so that a copy of the id is reported whichever
    /// of the two records is the bad one.
    public func decode(_ record: CSVRecord) -> DecodedRecord {
        let decoded = decodeFields(record)
        let id: String
        let issues: [CSVIssue]
        switch decoded {
        case .system(let system): (id, issues) = (system.id.rawValue, [])
        case .invalid(let found):
            guard let valid = validID(in: record) else { return decoded }
            (id, issues) = (valid, found)
        }
        guard let firstLine = seenIDs.firstLine(of: id, recordingLine: record.line) else { return decoded }
        return .invalid([reusedID(id, line: record.fieldLines[idPosition], firstLine: firstLine)] + issues)
    }

    /// The id of a record that did not decode, if its cell is valid; nil for a record of the
    /// wrong shape, whose cell in the id's place may belong to another column.
    private func validID(in record: CSVRecord) -> String? {
        guard record.problem == nil, record.fieldCount == headerFieldCount else { return nil }
        return record.withField(idPosition) { SystemID(utf8: FormulaGuard.unescaped($0))?.rawValue }
    }

    /// As `decode`, but without looking for the id among those seen before: for records decoded
    /// on several threads at once, whose ids are checked afterwards, in file order.
    /// `keepingFreeText` false checks the free-text cells but leaves them unset on the system:
    /// they are to be written again from the record (`withFreeText`).
    func decodeFields(_ record: CSVRecord, keepingFreeText: Bool = true) -> DecodedRecord {
        if let problem = record.problem { return .invalid([structureIssue(problem, inHeader: false)]) }
        guard record.fieldCount == headerFieldCount else {
            return .invalid([CSVIssue(
                .error, file: file, line: record.line,
                message: "record has \(record.fieldCount) fields, the header has \(headerFieldCount)")])
        }
        var system = ImagingSystem(id: SystemID.placeholder, name: "")
        var issues: [CSVIssue] = []
        for column in Column.allCases {
            guard let position = positions[column.rawValue] else { continue }
            record.withField(position) { cell in
                do throws(FieldError) {
                    if !keepingFreeText, column.isFreeText {
                        try FieldCodec.checkFreeText(column, from: FormulaGuard.unescaped(cell), today: today)
                    } else {
                        try FieldCodec.set(column, from: FormulaGuard.unescaped(cell), on: &system, today: today)
                    }
                } catch {
                    issues.append(issue(.error, line: record.fieldLines[position], field: position, message: error.description))
                }
            }
        }
        return issues.isEmpty ? .system(system) : .invalid(issues)
    }

    /// Calls `body` with the free text of `record` as it reads (the formula guard removed): a
    /// column the file lacks is empty.
    func withFreeText<Failure: Error>(
        of record: CSVRecord, _ body: ((Column) -> UnsafeBufferPointer<UInt8>) throws(Failure) -> Void
    ) throws(Failure) {
        var failure: Failure?
        record.bytes.withUnsafeBufferPointer { all in
            do throws(Failure) {
                try body { column in
                    guard let position = positions[column.rawValue] else { return UnsafeBufferPointer(start: nil, count: 0) }
                    return FormulaGuard.unescaped(UnsafeBufferPointer(rebasing: all[record.fieldRange(position)]))
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    /// Where the id sits in a record's fields (every usable header has one).
    var idPosition: Int { positions[Column.id.rawValue]! }

    /// The error for an id used again, its cell on `line`.
    func reusedID(_ id: String, line: Int, firstLine: Int) -> CSVIssue {
        issue(
            .error, line: line, field: idPosition,
            message: "id \(Printable.quoted(id)) is used again (first on line \(firstLine)); ids must be unique")
    }

    /// How ids are digested for `firstLine(of:recordingLine:)`, on any thread.
    var idHash: SipHash128 { seenIDs.hash }

    /// Reads ahead where ids about to be checked will be looked for (`SeenIDs.warm`).
    func warmIDs(_ ids: some Sequence<DigestTable.Key>) { seenIDs.warm(ids) }

    /// Makes room to check about `count` ids at once (`SeenIDs.reserve`).
    func reserveIDs(_ count: Int) { seenIDs.reserve(count) }

    /// Records an id, digested with `idHash`, as first seen on `line` and returns nil, or returns
    /// the line it was first seen on.
    func firstLine(of id: DigestTable.Key, recordingLine line: Int) -> Int? {
        seenIDs.firstLine(of: id, recordingLine: line)
    }

    private func issue(_ severity: CSVIssue.Severity, line: Int, field: Int, message: String) -> CSVIssue {
        CSVIssue(severity, file: file, line: line, columnNumber: field + 1, columnName: headerName(field), message: message)
    }

    private func headerName(_ field: Int) -> String? {
        field < headerNames.count ? headerNames[field] : nil
    }

    private func structureIssue(_ problem: CSVStructureProblem, inHeader: Bool) -> CSVIssue {
        switch problem {
        case .unclosedQuote(let line):
            return CSVIssue(
                .error, file: file, line: line,
                message: "a quoted field opened here\(inHeader ? " in the header" : "") is never closed before the end of the file")
        case .textAfterClosingQuote(let field, let line, let textLine):
            return CSVIssue(
                .error, file: file, line: line, columnNumber: field, columnName: headerName(field - 1),
                message: textLine == line
                    ? "text follows the closing quote; a quote inside a quoted field is written \"\""
                    : "the quoted field opened here runs on to line \(textLine), where text follows its closing quote; "
                        + "a quote inside a quoted field is written \"\"")
        case .fieldTooLong(let field, let line, let limit):
            return CSVIssue(
                .error, file: file, line: line, columnNumber: field, columnName: headerName(field - 1),
                message: inHeader
                    ? "column name is longer than \(limit) bytes; no column is named like that"
                    : "field is longer than \(limit) bytes; no column allows that much")
        case .tooManyFields(let line, let limit):
            return CSVIssue(
                .error, file: file, line: line,
                message: inHeader
                    ? "the header has more than \(limit) columns, the most a file may have"
                    : "record has more than \(limit) fields; the header has \(headerFieldCount)")
        }
    }
}

/// What one record turned out to be.
public enum DecodedRecord {
    case system(ImagingSystem)
    case invalid([CSVIssue])
}

extension SystemID {
    /// Stands in while a record is decoded; always replaced, since `id` is a required column.
    static let placeholder = SystemID("pending")!
}
