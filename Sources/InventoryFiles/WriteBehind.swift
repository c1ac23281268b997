/// Writes bytes on the calling thread while what produces them runs on another.
///
/// Each `write(2)` to a file or a pipe copies the bytes into the kernel: for a million-row export
/// that was an eighth of the core that formats the rows, the busier of its two.
public enum WriteBehind {
    /// Runs `body` on a thread of its own with a sink whose bytes are written to `sink` here, in
    /// order, as they come. Returns what `body` returned; an error writing to `sink` stops `body`
    /// and is rethrown, as is an error of `body` once what it wrote before is written.
    public static func run<Output: Sendable>(
        into sink: some ByteSink, _ body: @escaping @Sendable (HandedOverBytes) throws -> Output
    ) throws -> Output {
        var sink = sink
        // One sink write per item; 128 waiting hold 8 MiB at the writers' buffer size, enough for
        // the formatting to go on while a file's writes wait for the disk (`DurableFileSink`).
        return try Pipeline.run(batchSize: 1, depth: 128) { emit in
            try withoutActuallyEscaping(emit) { emit in try body(HandedOverBytes(emit: { try emit($0) })) }
        } consume: { bytes in
            try sink.write(all: bytes)
        }
    }
}

/// The sink `WriteBehind` lends: it hands each write over as it is.
public struct HandedOverBytes: ByteSink {
    fileprivate let emit: ([UInt8]) throws -> Void

    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws(FileAccessError) {
        do {
            try emit(Array(bytes))
        } catch {
            // Only when writing failed on the other side: `WriteBehind.run` throws that error, not this one.
            throw FileAccessError(.writing, path: "", reason: "writing stopped")
        }
    }
}
