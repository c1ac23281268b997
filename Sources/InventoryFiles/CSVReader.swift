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
    private enum State { case fieldStart, unquoted, quoted, quotedAfterCarriageReturn, quoteSeen, afterCarriageReturn }

    /// The record last read.
    public var record: CSVRecord { current }
    /// Private, unlike `record`, so that the optimiser sees every access to the storage the scan
    /// appends to: dynamic exclusivity checks showed in profiles of the reader.
    private var current = CSVRecord()
    /// The record being read, gathered in raw memory and copied into `current` once complete:
    /// three array appends per field (bytes, end, line) took a tenth of the reading core's time
    /// in a million-row score.
    private var scratch = RawGrowable<UInt8>()
    private var scratchEnds = RawGrowable<Int>()
    private var scratchLines = RawGrowable<Int>()
    private var source: Source
    private let limits: CSVLimits
    private let chunk: UnsafeMutableRawBufferPointer
    private var position = 0
    private var end = 0
    /// Bytes of the input before the buffered chunk.
    private var chunkOffset = 0
    private var atEndOfInput = false
    /// Whether a byte-order mark may still be skipped: only at the start of a file.
    private var startedReading: Bool
    /// The physical line of the next byte.
    private var line = 1

    private var state = State.fieldStart
    private var fieldLength = 0
    private var fieldIsQuoted = false
    private var recordHasBytes = false
    private var dropping = false
    /// The line on which the current field started (where its opening quote stands, if any).
    private var openQuoteLine = 1

    /// `startOfFile`: false for a source that starts part-way through a file (a chunk read on
    /// another thread), where a byte-order mark is not one and lines are counted from 1 for the
    /// caller to shift.
    public init(source: Source, limits: CSVLimits = CSVLimits(), chunkSize: Int = 1 << 18, startOfFile: Bool = true) {
        self.source = source
        self.limits = limits
        startedReading = !startOfFile
        chunk = .allocate(byteCount: max(chunkSize, 4), alignment: 16)
    }

    /// How many bytes of the input the records read so far, and the blank lines after the last
    /// of them up to the end of the input, took up.
    public var bytesConsumed: Int { chunkOffset + position }
    /// The physical line the next record would start on, blank lines aside.
    public var nextLine: Int { line }

    deinit {
        chunk.deallocate()
        scratch.deallocate()
        scratchEnds.deallocate()
        scratchLines.deallocate()
    }

    /// Reads the next record into `record`; false at the end of the input.
    public func readNext() throws(FileAccessError) -> Bool {
        startRecord()
        state = .fieldStart
        recordHasBytes = false
        beginField()
        while true {
            if position == end {
                guard try refill() else { return finishAtEndOfInput() && publish() }
            }
            if try scanChunk() { return publish() }
        }
    }

    private func startRecord() {
        current.reset(line: line)
        scratch.removeAll()
        scratchEnds.removeAll()
        scratchLines.removeAll()
    }

    /// Copies the gathered record into `current`; always true, for `readNext` to return.
    private func publish() -> Bool {
        current.endOffset = chunkOffset + position
        current.bytes.append(contentsOf: scratch.elements)
        current.fieldEnds.append(contentsOf: scratchEnds.elements)
        current.fieldLines.append(contentsOf: scratchLines.elements)
        return true
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
                let runEnd = ByteWord.firstIndex(of: .comma, .lineFeed, .carriageReturn, .carriageReturn, in: UnsafeBufferPointer(bytes), from: position, to: end)
                append(bytes, position..<runEnd)
                position = runEnd
                guard position < end else { break }
                let delimiter = bytes[position]
                position += 1
                if try endFieldThenRecord(delimiter) { return true }
            case .quoted:
                let runEnd = ByteWord.firstIndex(of: .quote, .lineFeed, .carriageReturn, .carriageReturn, in: UnsafeBufferPointer(bytes), from: position, to: end)
                append(bytes, position..<runEnd)
                position = runEnd
                guard position < end else { break }
                if bytes[position] == .quote {
                    state = .quoteSeen
                } else {
                    line += 1
                    append(bytes, position..<(position + 1))
                    if bytes[position] == .carriageReturn { state = .quotedAfterCarriageReturn }
                }
                position += 1
            case .quotedAfterCarriageReturn:
                // The line was counted at the CR: the LF of a CRLF pair is not another.
                state = .quoted
                if byte == .lineFeed {
                    append(bytes, position..<(position + 1))
                    position += 1
                }
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
                        current.problem = .textAfterClosingQuote(field: scratchEnds.count + 1, line: openQuoteLine, textLine: line)
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
        if scratchEnds.count == 1, scratch.count == 0, !fieldIsQuoted, current.problem == nil {
            startRecord()
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
        case .quoted, .quotedAfterCarriageReturn:
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
        dropping = scratchEnds.count >= limits.maximumFields
        openQuoteLine = line
    }

    private func finishField() {
        guard !dropping else {
            if current.problem == nil { current.problem = .tooManyFields(line: current.line, limit: limits.maximumFields) }
            return
        }
        scratchEnds.append(scratch.count)
        scratchLines.append(openQuoteLine)
    }

    private func append(_ bytes: UnsafeMutableBufferPointer<UInt8>, _ range: Range<Int>) {
        guard !dropping, !range.isEmpty else { return }
        let room = limits.maximumFieldBytes - fieldLength
        if range.count > room {
            if room > 0 { scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range.lowerBound..<(range.lowerBound + room)])) }
            fieldOverflowed()
            return
        }
        fieldLength += range.count
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
    }

    private func appendByte(_ byte: UInt8) {
        guard !dropping else { return }
        guard fieldLength < limits.maximumFieldBytes else { return fieldOverflowed() }
        fieldLength += 1
        scratch.append(byte)
    }

    /// The field has more bytes than the limit: the rest are skipped, and the record says so.
    private func fieldOverflowed() {
        fieldLength = limits.maximumFieldBytes + 1
        if current.problem == nil {
            current.problem = .fieldTooLong(field: scratchEnds.count + 1, line: openQuoteLine, limit: limits.maximumFieldBytes)
        }
    }

    private func refill() throws(FileAccessError) -> Bool {
        guard !atEndOfInput else { return false }
        chunkOffset += end
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

/// An append-only run of trivial values in raw memory, emptied and reused from record to record.
/// Its owner frees it (`deallocate`): a struct, so that appending is not a call through a class.
private struct RawGrowable<Element: BitwiseCopyable> {
    private var storage = UnsafeMutablePointer<Element>.allocate(capacity: 64)
    private var capacity = 64
    private(set) var count = 0

    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: storage, count: count) }

    mutating func removeAll() { count = 0 }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow(toHold: count + 1) }
        storage[count] = element
        count += 1
    }

    @inline(__always)
    mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        guard let base = elements.baseAddress else { return }
        if count + elements.count > capacity { grow(toHold: count + elements.count) }
        copyFew(elements.count, from: base, to: storage + count)
        count += elements.count
    }

    func deallocate() { storage.deallocate() }

    private mutating func grow(toHold needed: Int) {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: max(needed, capacity * 2))
        larger.update(from: storage, count: count)
        storage.deallocate()
        storage = larger
        capacity = max(needed, capacity * 2)
    }
}
