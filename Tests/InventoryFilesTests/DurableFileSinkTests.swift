import Glibc
@testable import InventoryFiles
import Testing

@Suite("Durable files")
struct DurableFileSinkTests {
    /// Past one direct-write flush (64 MiB) and one cached writeback step (8 MiB), in pieces
    /// that straddle the 1 MiB buffer, ending in part of a block.
    static let written: [UInt8] = {
        // A pattern whose length is not a power of two, so that no two blocks hold the same bytes.
        let pattern = (0..<1_000_003).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        var bytes: [UInt8] = []
        while bytes.count < 65 << 20 { bytes.append(contentsOf: pattern) }
        return bytes + pattern.prefix(12_345)
    }()

    func contents(of path: String) throws -> [UInt8] {
        let source = try FileByteSource(path: path)
        var read = [UInt8](repeating: 0, count: Self.written.count + 1)
        var count = 0
        while case let got = try read.withUnsafeMutableBytes({ try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[count...])) }), got > 0 {
            count += got
        }
        return Array(read[..<count])
    }

    @Test(arguments: [true, false])
    func aSynchronisedFileHoldsExactlyWhatWasWritten(bypassingCache: Bool) throws {
        let path = "/tmp/radrisk-durable-\(getpid())-\(bypassingCache).bin"
        defer { unlink(path) }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        try #require(descriptor >= 0)
        let sink = DurableFileSink(descriptor: descriptor, path: path, bypassingCache: bypassingCache)
        var start = 0
        var piece = 1
        while start < Self.written.count {
            let end = min(start + piece, Self.written.count)
            try Self.written.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
            start = end
            piece = piece * 7 % 3_000_017
        }
        try sink.synchronise()
        let contents = try contents(of: path)
        #expect(contents.count == Self.written.count)
        #expect(memcmp(contents, Self.written, min(contents.count, Self.written.count)) == 0)
    }
}
