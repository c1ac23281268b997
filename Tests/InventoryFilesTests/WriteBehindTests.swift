import Glibc
import InventoryFiles
import Synchronization
import Testing

@Suite("Writing behind")
struct WriteBehindTests {
    struct Broken: Error, Equatable {}

    /// Takes `limit` bytes, then fails as a full disk would.
    final class FillingSink: ByteSink {
        private(set) var taken: [UInt8] = []
        let limit: Int
        init(limit: Int) { self.limit = limit }

        func write(_ bytes: UnsafeRawBufferPointer) throws(FileAccessError) {
            guard taken.count + bytes.count <= limit else { throw FileAccessError(.writing, path: "full.csv", reason: "No space left on device") }
            taken.append(contentsOf: bytes)
        }
    }

    func chunk(_ index: Int) -> [UInt8] { Array(repeating: UInt8(index % 251), count: 1 + index % 300) }

    @Test func everyWriteArrivesInOrderAndTheResultPassesThrough() throws {
        let sink = MemoryByteSink()
        let result = try WriteBehind.run(into: sink) { bytes in
            var bytes = bytes
            for index in 0..<5_000 { try bytes.write(all: chunk(index)) }
            return "written"
        }
        #expect(result == "written")
        #expect(sink.bytes == (0..<5_000).flatMap(chunk))
    }

    @Test func aFailedWriteStopsTheWriterAndIsTheErrorThrown() throws {
        let sink = FillingSink(limit: 10_000)
        let attempts = Atomic<Int>(0)
        #expect {
            try WriteBehind.run(into: sink) { bytes in
                var bytes = bytes
                for index in 0..<1_000_000 {
                    try bytes.write(all: chunk(index))
                    attempts.add(1, ordering: .relaxed)
                }
            }
        } throws: { error in
            (error as? FileAccessError)?.description == "full.csv: No space left on device"
        }
        #expect(attempts.load(ordering: .relaxed) < 1_000)
        // What was taken before the disk filled is the start of what was written.
        #expect(sink.taken.count > 9_000 && sink.taken == Array((0..<1_000).flatMap(chunk).prefix(sink.taken.count)))
    }

    @Test func aWritersErrorArrivesAfterWhatItWroteBefore() throws {
        let sink = MemoryByteSink()
        #expect(throws: Broken()) {
            try WriteBehind.run(into: sink) { bytes in
                var bytes = bytes
                for index in 0..<100 { try bytes.write(all: chunk(index)) }
                throw Broken()
            }
        }
        #expect(sink.bytes == (0..<100).flatMap(chunk))
    }
}
