/// Writes RFC 4180 CSV with CRLF record ends, quoting only fields that need it and applying the
/// formula-injection guard to every cell. Output is buffered and handed to the sink in large writes.
public final class CSVWriter<Sink: ByteSink> {
    private var sink: Sink
    private var buffer: [UInt8] = []
    private var fieldIndex = 0
    private let flushThreshold = 1 << 16

    public init(sink: Sink) {
        self.sink = sink
        buffer.reserveCapacity(flushThreshold + 4096)
    }

    public func writeField(_ text: String) throws(FileAccessError) {
        var text = text
        text.withUTF8 { writeField(bytes: $0) }
        if buffer.count >= flushThreshold { try flush() }
    }

    public func writeRecord(_ fields: [String]) throws(FileAccessError) {
        for field in fields { try writeField(field) }
        try endRecord()
    }

    public func endRecord() throws(FileAccessError) {
        buffer.append(UInt8(ascii: "\r"))
        buffer.append(UInt8(ascii: "\n"))
        fieldIndex = 0
        if buffer.count >= flushThreshold { try flush() }
    }

    public func flush() throws(FileAccessError) {
        guard !buffer.isEmpty else { return }
        try sink.write(all: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeField(bytes: UnsafeBufferPointer<UInt8>) {
        if fieldIndex > 0 { buffer.append(UInt8(ascii: ",")) }
        fieldIndex += 1
        let guarded = FormulaGuard.needsGuard(bytes)
        let quoted = bytes.contains { $0 == .comma || $0 == .quote || $0 == .lineFeed || $0 == .carriageReturn }
        if quoted { buffer.append(.quote) }
        if guarded { buffer.append(UInt8(ascii: "'")) }
        if quoted {
            for byte in bytes {
                buffer.append(byte)
                if byte == .quote { buffer.append(.quote) }
            }
        } else {
            buffer.append(contentsOf: bytes)
        }
        if quoted { buffer.append(.quote) }
    }
}
