/// A streaming RFC 4180 reader over bytes.
///
/// Hand-written rather than taken from a library because it is the hottest path of import and
/// score: the libraries available here parse 8-25 MB/s from a whole-file `String`, this one scans
/// the raw bytes of a fixed-size buffer and copies whole runs of plain bytes at once.
///
/// It accepts everything RFC 4180 allows, plus a leading byte-order mark, LF or CRLF (or lone CR)
/// line ends and a missing final line end. Blank lines between records are skipped. Problems of
/// shape (an unclosed quote, text after a closing quote, oversized fields) are reported on the
/// record, and reading goes on, so that one run can report every error of a file.
public final class CSVReader<Source: ByteSource> {
    private enum State { case fieldStart, unquoted, quoted, quoteSeen, afterCarriageReturn }

    /// The record last read.
    public var record: CSVRecord { current }
    /// Private, unlike `record`, so that the optimiser sees every access to the storage the scan
    /// appends to: dynamic exclusivity checks showed in profiles of the reader.
    private var current = CSVRecord()
    private var source: Source
    private let limits: CSVLimits
    private let chunk: UnsafeMutableRawBufferPointer
    private var position = 0
    private var end = 0
    private var atEndOfInput = false
    private var startedReading = false
    /// The physical line of the next byte.
    private var line = 1

    private var state = State.fieldStart
    private var fieldLength = 0
    private var fieldIsQuoted = false
    private var recordHasBytes = false
    private var dropping = false
    /// The line on which the current field started (where its opening quote stands, if any).
    private var openQuoteLine = 1

    public init(source: Source, limits: CSVLimits = CSVLimits(), chunkSize: Int = 1 << 18) {
        self.source = source
        self.limits = limits
        chunk = .allocate(byteCount: max(chunkSize, 4), alignment: 16)
    }

    deinit { chunk.deallocate() }

    /// Reads the next record into `record`; false at the end of the input.
    public func readNext() throws(FileAccessError) -> Bool {
        current.reset(line: line)
        state = .fieldStart
        recordHasBytes = false
        beginField()
        while true {
            if position == end {
                guard try refill() else { return finishAtEndOfInput() }
            }
            if try scanChunk() { return true }
        }
    }

    /// Scans the buffered bytes; true when a record is complete.
    private func scanChunk() throws(FileAccessError) -> Bool {
        let bytes = chunk.bindMemory(to: UInt8.self)
        while position < end {
            let byte = bytes[position]
            switch state {
            case .afterCarriageReturn:
                // A record ended at CR; swallow the LF of a CRLF pair.
                state = .fieldStart
                if byte == .lineFeed { position += 1 }
                if recordComplete() { return true }
            case .fieldStart:
                if !recordHasBytes { current.line = line }
                recordHasBytes = true
                if byte == .quote {
                    fieldIsQuoted = true
                    state = .quoted
                    position += 1
                } else {
                    state = .unquoted
                }
            case .unquoted:
                let runEnd = scan(bytes, from: position) { $0 == .comma || $0 == .lineFeed || $0 == .carriageReturn }
                append(bytes, position..<runEnd)
                position = runEnd
                guard position < end else { break }
                let delimiter = bytes[position]
                position += 1
                if try endFieldThenRecord(delimiter) { return true }
            case .quoted:
                let runEnd = scan(bytes, from: position) { $0 == .quote || $0 == .lineFeed }
                append(bytes, position..<runEnd)
                position = runEnd
                guard position < end else { break }
                if bytes[position] == .lineFeed {
                    line += 1
                    append(bytes, position..<(position + 1))
                } else {
                    state = .quoteSeen
                }
                position += 1
            case .quoteSeen:
                position += 1
                switch byte {
                case .quote:
                    appendByte(.quote)
                    state = .quoted
                case .comma, .lineFeed, .carriageReturn:
                    if try endFieldThenRecord(byte) { return true }
                default:
                    if current.problem == nil {
                        current.problem = .textAfterClosingQuote(field: current.fieldCount + 1, line: line)
                    }
                    appendByte(byte)
                    state = .unquoted
                }
            }
        }
        return false
    }

    /// Ends the field at a delimiter already consumed; true when that also ends a non-blank current.
    private func endFieldThenRecord(_ delimiter: UInt8) throws(FileAccessError) -> Bool {
        finishField()
        switch delimiter {
        case .comma:
            state = .fieldStart
            beginField()
            return false
        case .lineFeed:
            line += 1
            state = .fieldStart
            return recordComplete()
        default:
            line += 1
            state = .afterCarriageReturn
            return false
        }
    }

    /// A record just ended; blank lines (one empty unquoted field) are skipped rather than reported.
    private func recordComplete() -> Bool {
        if current.fieldCount == 1, current.bytes.isEmpty, !fieldIsQuoted, current.problem == nil {
            current.reset(line: line)
            recordHasBytes = false
            beginField()
            return false
        }
        return true
    }

    private func finishAtEndOfInput() -> Bool {
        switch state {
        case .afterCarriageReturn:
            return recordComplete()
        case .fieldStart where !recordHasBytes:
            return false
        case .quoted:
            current.problem = .unclosedQuote(line: openQuoteLine)
            finishField()
        default:
            finishField()
        }
        state = .fieldStart
        recordHasBytes = false
        return true
    }

    private func beginField() {
        fieldLength = 0
        fieldIsQuoted = false
        dropping = current.fieldCount >= limits.maximumFields
        openQuoteLine = line
    }

    private func finishField() {
        guard !dropping else {
            if current.problem == nil { current.problem = .tooManyFields(line: current.line, limit: limits.maximumFields) }
            return
        }
        current.fieldEnds.append(current.bytes.count)
        current.fieldLines.append(openQuoteLine)
    }

    @inline(__always)
    private func scan(_ bytes: UnsafeMutableBufferPointer<UInt8>, from start: Int, until stop: (UInt8) -> Bool) -> Int {
        var index = start
        while index < end, !stop(bytes[index]) { index += 1 }
        return index
    }

    private func append(_ bytes: UnsafeMutableBufferPointer<UInt8>, _ range: Range<Int>) {
        guard !dropping, !range.isEmpty else { return }
        let room = limits.maximumFieldBytes - fieldLength
        if range.count > room {
            if room > 0 { current.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range.lowerBound..<(range.lowerBound + room)])) }
            fieldLength = limits.maximumFieldBytes + 1
            if current.problem == nil {
                current.problem = .fieldTooLong(field: current.fieldCount + 1, line: openQuoteLine, limit: limits.maximumFieldBytes)
            }
            return
        }
        fieldLength += range.count
        current.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
    }

    private func appendByte(_ byte: UInt8) {
        guard !dropping, fieldLength < limits.maximumFieldBytes else { return }
        fieldLength += 1
        current.bytes.append(byte)
    }

    private func refill() throws(FileAccessError) -> Bool {
        guard !atEndOfInput else { return false }
        position = 0
        end = try source.read(into: chunk)
        if !startedReading {
            startedReading = true
            // A short first read (a pipe) could split the byte-order mark: top it up.
            while end < 3 {
                let more = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: chunk[end...]))
                if more == 0 { break }
                end += more
            }
            let bytes = chunk.bindMemory(to: UInt8.self)
            if end >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        }
        if end == 0 { atEndOfInput = true }
        return end > 0
    }
}

extension UInt8 {
    static let quote = UInt8(ascii: "\"")
    static let comma = UInt8(ascii: ",")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
}
