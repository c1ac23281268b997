/// Buffered text over a sink, handed over in large writes.
public final class TextOutput<Sink: ByteSink> {
    private var sink: Sink
    private var buffer: [UInt8] = []
    private let flushThreshold = 1 << 16

    public init(sink: Sink) { self.sink = sink }

    public func append(_ text: String) throws(FileAccessError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= flushThreshold { try flush() }
    }

    public func flush() throws(FileAccessError) {
        guard !buffer.isEmpty else { return }
        try sink.write(all: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
