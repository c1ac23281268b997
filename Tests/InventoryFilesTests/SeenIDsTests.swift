@testable import InventoryFiles
import Testing

@Suite("Duplicate id detection")
struct SeenIDsTests {
    /// The reference implementation's vectors (vectors.h, `vectors_sip128`): key 00..0f, message
    /// 00..(n-1), tag bytes in output order.
    @Test(arguments: [
        (0, [0xa3, 0x81, 0x7f, 0x04, 0xba, 0x25, 0xa8, 0xe6, 0x6d, 0xf6, 0x72, 0x14, 0xc7, 0x55, 0x02, 0x93]),
        (1, [0xda, 0x87, 0xc1, 0xd8, 0x6b, 0x99, 0xaf, 0x44, 0x34, 0x76, 0x59, 0x11, 0x9b, 0x22, 0xfc, 0x45]),
    ] as [(Int, [UInt8])])
    func sipHashMatchesTheReference(length: Int, tag: [UInt8]) {
        let hash = SipHash128(key0: 0x0706_0504_0302_0100, key1: 0x0f0e_0d0c_0b0a_0908)
        let message = (0..<length).map { UInt8($0) }
        let (first, second) = message.withUnsafeBufferPointer { hash.digest($0) }
        let bytes = [first, second].flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) } }
        #expect(bytes == tag)
    }

    @Test func reportsTheFirstLineOfARepeatedID() {
        var seen = SeenIDs()
        for line in 2..<20_002 { #expect(seen.firstLine(of: "SYS-\(line)", recordingLine: line) == nil) }
        #expect(seen.firstLine(of: "SYS-7", recordingLine: 30_000) == 7)
        #expect(seen.firstLine(of: "SYS-20001", recordingLine: 30_001) == 20_001)
        #expect(seen.firstLine(of: "SYS-20002", recordingLine: 30_002) == nil)
    }

    @Test func afterReservingRoomTheTablesDoNotGrowForThatManyIDs() {
        var seen = SeenIDs()
        seen.reserve(20_000)
        var table = DigestTable()
        table.reserve(100)
        let reserved = table.capacity
        var random = SystemRandomNumberGenerator()
        for line in 2..<102 { #expect(table.insert(DigestTable.Key(first: random.next(), second: 0), line: UInt32(line)) == nil) }
        #expect(table.capacity == reserved && reserved < 150)
        for line in 2..<20_002 { #expect(seen.firstLine(of: "SYS-\(line)", recordingLine: line) == nil) }
        #expect(seen.firstLine(of: "SYS-7", recordingLine: 30_000) == 7)
    }

    @Test func keepsLinesBeyondThirtyTwoBits() {
        var seen = SeenIDs()
        let distant = Int(UInt32.max) + 12
        #expect(seen.firstLine(of: "far", recordingLine: distant) == nil)
        #expect(seen.firstLine(of: "far", recordingLine: distant + 1) == distant)
    }

    /// Linear probing is only quick when homes spread over the table: a slot function that sent
    /// every key home to one slot made a million-row file cost seconds in probing.
    @Test func homeSlotsSpreadOverTheTable() {
        var table = DigestTable()
        var random = SystemRandomNumberGenerator()
        for line in 2..<10_002 {
            #expect(table.insert(DigestTable.Key(first: random.next(), second: random.next() & ~0xFFFF_FFFF), line: UInt32(line)) == nil)
        }
        let homes = (0..<10_000).map { _ in table.slot(of: DigestTable.Key(first: random.next(), second: 0)) }
        #expect(homes.allSatisfy { (0..<table.capacity).contains($0) })
        // 10,000 random keys over some 15,000-20,000 slots: well over half the keys get homes of their own.
        #expect(Set(homes).count > 5_000)
    }
}
