@testable import InventoryFiles
import RiskModel
import Testing

@Suite("Token matching")
struct TokenMatcherTests {
    /// Every pair of byte values side by side, so that a carry or borrow from one byte into its
    /// neighbour would show.
    @Test func wordNormalisingMatchesByteNormalisingForEveryPairOfBytes() {
        var mismatches: [String] = []
        for first in 0...255 {
            for second in 0...255 {
                let bytes: [UInt8] = [UInt8(first), UInt8(second), UInt8(second), UInt8(first), 0x00, 0xFF, UInt8(first), UInt8(second)]
                let word = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64($1.offset * 8) }
                let normalised = TokenTable.normalise(word)
                for (offset, byte) in bytes.enumerated() where UInt8(truncatingIfNeeded: normalised >> UInt64(offset * 8)) != TokenMatcher.normalise(byte) {
                    mismatches.append("\(first),\(second) at \(offset)")
                }
            }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    /// Tokens of every length a packed token holds tell apart each other, in any letter case: the
    /// bytes are packed a word at a time with a shifted tail.
    @Test func everyLengthPacksToItsOwnKey() {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz_abcd".utf8)
        let tokens = (1...31).map { String(decoding: alphabet.prefix($0), as: UTF8.self) }
        let table = TokenTable(tokens)
        let found = tokens.map { token in Array(token.uppercased().utf8).withUnsafeBufferPointer { table.index(of: $0) } }
        #expect(found == Array(0..<31))
    }

    @Test(arguments: ["Vendor-Cloud Domestic", " VENDOR_CLOUD_DOMESTIC\t", "vendor cloud domestic", "vendor_cloud_domestic"])
    func matchesATokenWrittenAnyAllowedWay(cell: String) {
        let table = TokenTable(DataLocality.tokens)
        let index = Array(cell.utf8).withUnsafeBufferPointer { TokenMatcher.level(DataLocality.self, $0, in: table) }
        #expect(index == .vendorCloudDomestic)
    }

    @Test(arguments: ["vendor.cloud.domestic", "vendor_cloud_domesti", "vendor_cloud_domestic_", "vendor_cloud_domestic_and_then_some_more"])
    func refusesAnythingElse(cell: String) {
        let table = TokenTable(DataLocality.tokens)
        #expect(Array(cell.utf8).withUnsafeBufferPointer { TokenMatcher.level(DataLocality.self, $0, in: table) } == nil)
    }
}
