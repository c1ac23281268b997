import RiskModel

/// Writes RFC 4180 CSV with CRLF record ends, quoting only fields that need it and applying the
/// formula-injection guard to every cell. Output is buffered and handed to the sink in large writes.
///
/// Hand-written over raw memory rather than an `[UInt8]`: export and score write some forty cells a
/// row, a million rows a run, and the array's uniqueness and growth checks on every append, with
/// the exclusivity checks around them, took a fifth of the run in profiles.
public final class CSVWriter<Sink: ByteSink> {
    private var sink: Sink
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    /// Bytes handed to the sink so far.
    private var flushedCount = 0
    private var fieldIndex = 0
    private let flushThreshold: Int

    /// `bufferSize`: bytes gathered before a write to the sink (files want large writes; a
    /// single record built in memory wants a small buffer).
    public init(sink: Sink, bufferSize: Int = 1 << 16) {
        self.sink = sink
        flushThreshold = bufferSize
        capacity = bufferSize * 2
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    public func writeField(_ text: String) throws(FileAccessError) {
        var text = text
        let failure: FileAccessError? = text.withUTF8 { bytes in
            do throws(FileAccessError) { try writeField(bytes: bytes) } catch { return error }
            return nil
        }
        if let failure { throw failure }
    }

    public func writeField(_ bytes: [UInt8]) throws(FileAccessError) {
        try bytes.withUnsafeBufferPointer { (cell) throws(FileAccessError) in try writeField(bytes: cell) }
    }

    /// Writes one cell from its bytes: the contents as they should read back, before quoting and guarding.
    public func writeField(bytes: UnsafeBufferPointer<UInt8>) throws(FileAccessError) {
        // Worst case: a separator, the quotes, the guard and every byte doubled.
        try reserve(bytes.count * 2 + 4)
        if fieldIndex > 0 { put(.comma) }
        fieldIndex += 1
        let guarded = FormulaGuard.needsGuard(bytes)
        guard needsQuotes(bytes) else {
            if guarded { put(.apostrophe) }
            put(contentsOf: bytes)
            return
        }
        put(.quote)
        if guarded { put(.apostrophe) }
        for byte in bytes {
            put(byte)
            if byte == .quote { put(.quote) }
        }
        put(.quote)
    }

    /// Writes a cell that needs neither quotes nor the formula guard, as is: tokens, codes and
    /// numbers spelled from a table. (Debug builds check the promise.)
    @inline(__always)
    public func writeVerbatimField(bytes: UnsafeBufferPointer<UInt8>) throws(FileAccessError) {
        try beginVerbatimField()
        try appendVerbatim(bytes)
    }

    /// Starts a cell that the caller fills with `appendVerbatim`, piece by piece.
    @inline(__always)
    public func beginVerbatimField() throws(FileAccessError) {
        try reserve(1)
        if fieldIndex > 0 { put(.comma) }
        fieldIndex += 1
    }

    /// Adds bytes to the cell begun with `beginVerbatimField`.
    @inline(__always)
    public func appendVerbatim(_ bytes: UnsafeBufferPointer<UInt8>) throws(FileAccessError) {
        assert(!needsQuotes(bytes) && !FormulaGuard.needsGuard(bytes), "'\(String(decoding: bytes, as: UTF8.self))' needs quoting or the guard")
        try reserve(bytes.count)
        put(contentsOf: bytes)
    }

    /// Adds a number's decimal digits to the cell begun with `beginVerbatimField`.
    public func appendDecimal(_ value: Int) throws(FileAccessError) {
        try reserve(20)
        count = RiskModel.appendDecimal(value, to: UnsafeMutableBufferPointer(start: storage, count: capacity), at: count)
    }

    public func writeRecord(_ fields: [String]) throws(FileAccessError) {
        for field in fields { try writeField(field) }
        try endRecord()
    }

    public func endRecord() throws(FileAccessError) {
        try reserve(2)
        put(.carriageReturn)
        put(.lineFeed)
        fieldIndex = 0
        if count >= flushThreshold { try flush() }
    }

    public func flush() throws(FileAccessError) {
        guard count > 0 else { return }
        try sink.write(UnsafeRawBufferPointer(start: storage, count: count))
        flushedCount += count
        count = 0
    }

    /// Every byte written so far, flushed or not.
    public var bytesWritten: Int { flushedCount + count }

    @inline(__always)
    private func put(_ byte: UInt8) {
        storage[count] = byte
        count += 1
    }

    @inline(__always)
    private func put(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        copyFew(bytes.count, from: base, to: storage + count)
        count += bytes.count
    }

    /// Makes room for `byteCount` more bytes: flushes first, and grows only for a cell larger than the buffer.
    @inline(__always)
    private func reserve(_ byteCount: Int) throws(FileAccessError) {
        guard count + byteCount > capacity else { return }
        try makeRoom(byteCount)
    }

    private func makeRoom(_ byteCount: Int) throws(FileAccessError) {
        try flush()
        guard byteCount > capacity else { return }
        storage.deallocate()
        capacity = byteCount
        storage = .allocate(capacity: capacity)
    }

    /// Whether a cell holds a comma, a quote or a line break (text cells make up most of an
    /// export's bytes, so eight bytes are looked at a time).
    private func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        ByteWord.firstIndex(of: .comma, .quote, .lineFeed, .carriageReturn, in: bytes, from: 0, to: bytes.count) < bytes.count
    }
}

extension UInt8 {
    static let apostrophe = UInt8(ascii: "'")
}

/// Copies `count` elements. Most cells are a few bytes long, and a loop copies them faster than a
/// call to `memmove` (5% of a million-row score's samples, on the writing core).
@inline(__always)
func copyFew<Element: BitwiseCopyable>(_ count: Int, from source: UnsafePointer<Element>, to destination: UnsafeMutablePointer<Element>) {
    if count <= 16 {
        for offset in 0..<count { destination[offset] = source[offset] }
    } else {
        destination.update(from: source, count: count)
    }
}
