@testable import InventoryFiles
import Testing

@Suite("Eight bytes at a time")
struct ByteWordTests {
    /// Every pair of byte values side by side, against every byte searched for: a carry from one
    /// byte into the next would mark a byte that does not match.
    @Test(arguments: [UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x00, 0x7F, 0x80, 0xFF])
    func marksExactlyTheMatchingBytes(wanted: UInt8) {
        var wrong = 0
        for first in 0...255 {
            for second in 0...255 {
                let bytes: [UInt8] = [UInt8(first), UInt8(second), UInt8(second), UInt8(first), wanted, 0xFF, 0x00, UInt8(second)]
                let word = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64($1.offset * 8) }
                let marks = ByteWord.bytes(of: word, equalTo: wanted)
                for (offset, byte) in bytes.enumerated() where (marks >> UInt64(offset * 8) & 0xFF) != (byte == wanted ? 0x80 : 0) {
                    wrong += 1
                }
            }
        }
        #expect(wrong == 0)
    }
}
