import RiskModel

/// Scores systems and renders them as rows of the CSV export, a chunk at a time, for
/// `ChunkedInventoryReading`: the rows only, the header is written once, before.
public final class AssessmentCSVRows: ChunkRenderer {
    private let policy: Policy
    private let rows: MemoryByteSink
    private let writer: AssessmentCSVWriter<MemoryByteSink>

    /// `output`: an empty buffer whose room is reused.
    public init(policy: Policy, output: [UInt8] = []) {
        self.policy = policy
        rows = MemoryByteSink(reusing: output)
        writer = AssessmentCSVWriter(sink: rows)
    }

    public func render(_ system: ImagingSystem, freeText: (Column) -> UnsafeBufferPointer<UInt8>) throws(FileAccessError) {
        try writer.write(AssessedSystem(system: system, policy: policy), checkedFreeText: freeText)
    }

    public var renderedCount: Int { writer.bytesWritten }

    public func finish() throws(FileAccessError) -> [UInt8] {
        try writer.finish(trailer: [:])
        return rows.bytes
    }
}
