import Foundation
import InventoryFiles
import Testing

@Suite("Input copied aside before an import")
struct SpooledInputTests {
    /// A source of unknown size that gives its bytes a few at a time, as a pipe does.
    struct Trickle: ByteSource {
        var remaining: ArraySlice<UInt8>
        mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileAccessError) -> Int {
            let count = min(65_521, buffer.count, remaining.count)
            buffer.copyBytes(from: remaining.prefix(count))
            remaining = remaining.dropFirst(count)
            return count
        }
    }

    let directory = NSTemporaryDirectory()

    @Test func theCopyHoldsEveryByteAndItsSizeAndLeavesNoFileBehind() throws {
        let bytes = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var pipe = Trickle(remaining: bytes[...])
        let before = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("radrisk-import-") }
        let spooled = try FileByteSource.spooling(&pipe, named: "standard input", into: directory)
        #expect(spooled.size == bytes.count)
        #expect(spooled.path == "standard input")
        let after = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("radrisk-import-") }
        #expect(after == before)
        var read: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65_536, alignment: 1)
        defer { buffer.deallocate() }
        while case let count = try spooled.read(into: buffer), count > 0 { read += buffer[..<count] }
        #expect(read == bytes)
    }

    @Test func aDirectoryThatCannotHoldTheCopyIsNamedWithTheWayToChooseAnother() throws {
        var pipe = Trickle(remaining: Array("id,name\n".utf8)[...])
        #expect {
            _ = try FileByteSource.spooling(&pipe, named: "standard input", into: "/nonexistent-radrisk")
        } throws: { error in
            "\(error)" == "/nonexistent-radrisk (where standard input is copied before an import; TMPDIR chooses another directory): No such file or directory"
        }
    }
}
