/// One CSV record as the reader found it: the unescaped bytes of every field, where each field
/// starts in the file, and any structural problem met while reading it.
///
/// The reader reuses one record's storage for the next, so decoding a million rows allocates
/// only for the strings the decoder keeps.
public struct CSVRecord: Sendable {
    /// The unescaped field contents, one after another.
    public internal(set) var bytes: [UInt8] = []
    /// Where each field ends in `bytes` (the next starts there).
    public internal(set) var fieldEnds: [Int] = []
    /// The 1-based physical line on which each field starts.
    public internal(set) var fieldLines: [Int] = []
    /// The 1-based physical line on which the record starts.
    public internal(set) var line = 0
    /// The bytes of the input up to the end of this record, its line end included: how far
    /// reading has got.
    public internal(set) var endOffset = 0
    public internal(set) var problem: CSVStructureProblem?

    public var fieldCount: Int { fieldEnds.count }

    public func fieldRange(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : fieldEnds[index - 1])..<fieldEnds[index]
    }

    public func withField<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        let range = fieldRange(index)
        return try bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[range]))
        }
    }

    /// The field as text; invalid UTF-8 is replaced (`FieldCodec` refuses it instead).
    public func string(_ index: Int) -> String {
        withField(index) { String(decoding: $0, as: UTF8.self) }
    }

    public var strings: [String] { (0..<fieldCount).map(string) }

    /// Moves every line the record names by `offset`: a record read from part of a file counts
    /// lines from that part's start.
    public mutating func shiftLines(by offset: Int) {
        line += offset
        for index in fieldLines.indices { fieldLines[index] += offset }
        problem = problem?.shifted(by: offset)
    }

    mutating func reset(line: Int) {
        bytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        fieldLines.removeAll(keepingCapacity: true)
        self.line = line
        problem = nil
    }
}

/// What is wrong with the shape of a record, as opposed to the value of a field.
public enum CSVStructureProblem: Equatable, Sendable {
    /// A quoted field that opened on `line` was never closed before the end of the file.
    case unclosedQuote(line: Int)
    /// Text followed the closing quote of field `field` (1-based) instead of a comma or line end.
    /// `line` is where the field opened and `textLine` where the text follows: a quote left open by
    /// mistake closes on a later line, and every record in between was read as part of the field.
    case textAfterClosingQuote(field: Int, line: Int, textLine: Int)
    /// Field `field` (1-based) is longer than the limit; the rest of it was skipped.
    case fieldTooLong(field: Int, line: Int, limit: Int)
    /// The record has more fields than the limit; the rest were skipped.
    case tooManyFields(line: Int, limit: Int)

    func shifted(by offset: Int) -> CSVStructureProblem {
        switch self {
        case .unclosedQuote(let line): .unclosedQuote(line: line + offset)
        case .textAfterClosingQuote(let field, let line, let textLine):
            .textAfterClosingQuote(field: field, line: line + offset, textLine: textLine + offset)
        case .fieldTooLong(let field, let line, let limit): .fieldTooLong(field: field, line: line + offset, limit: limit)
        case .tooManyFields(let line, let limit): .tooManyFields(line: line + offset, limit: limit)
        }
    }
}

/// Bounds that keep memory flat on hostile input: no cell the contract allows is over them.
public struct CSVLimits: Sendable {
    /// The field limit of every reader the program makes. Free text is held to it too
    /// (`FieldCodec`): a longer value could be exported, but never imported again.
    public static let defaultMaximumFieldBytes = 1 << 16

    public var maximumFieldBytes: Int
    public var maximumFields: Int

    public init(maximumFieldBytes: Int = defaultMaximumFieldBytes, maximumFields: Int = 1_024) {
        self.maximumFieldBytes = maximumFieldBytes
        self.maximumFields = maximumFields
    }
}
