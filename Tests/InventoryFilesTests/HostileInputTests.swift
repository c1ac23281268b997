import InventoryFiles
import RiskModel
import Testing

/// Files made to break readers: each gets a located error, bounded memory, and no crash.
@Suite("Hostile CSV input")
struct HostileInputTests {
    func read(_ bytes: [UInt8], limits: CSVLimits = CSVLimits()) throws -> (systems: Int, log: CSVIssueLog) {
        var systems = 0
        let log = try InventoryReading.read(MemoryByteSource(bytes), file: "hostile.csv", today: today, limits: limits) { _, _ in systems += 1 }
        return (systems, log)
    }

    @Test func invalidUTF8IsLocated() throws {
        let bytes = Array("id,name,vendor\na,A,".utf8) + [0xFF, 0xFE, 0x41] + Array("\n".utf8)
        let result = try read(bytes)
        #expect(result.log.kept.first?.description.hasPrefix("hostile.csv:2:3: error: vendor") == true)
        #expect(result.log.kept.first?.message.contains("not valid UTF-8") == true)
    }

    @Test func nulBytesAreRefusedAsControlCharacters() throws {
        let bytes = Array("id,name\na,A".utf8) + [0x00] + Array("B\n".utf8)
        let result = try read(bytes)
        #expect(result.systems == 0)
        #expect(result.log.kept.first?.message.contains("control character \\u{0}") == true)
    }

    @Test func aTenMegabyteCellIsCutAndReported() throws {
        var bytes = Array("id,name,notes\na,A,\"".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 10_000_000)
        bytes += Array("\"\nb,B,fine\n".utf8)
        let reader = CSVReader(source: MemoryByteSource(bytes))
        var largest = 0
        while try reader.readNext() { largest = max(largest, reader.record.bytes.count) }
        #expect(largest <= CSVLimits().maximumFieldBytes + 64)
        let result = try read(bytes)
        #expect(result.systems == 1)
        #expect(result.log.kept.first?.description.hasPrefix("hostile.csv:2:3: error: field is longer than 65536 bytes") == true)
    }

    @Test func aHundredThousandColumnsAreReportedNotStored() throws {
        let header = "id,name\n"
        let wide = "a,A" + String(repeating: ",x", count: 100_000) + "\n"
        let result = try read(Array((header + wide + "b,B\n").utf8))
        #expect(result.systems == 1)
        #expect(result.log.kept.first?.message.contains("more than 1024 fields") == true)
    }

    @Test func aWideHeaderIsBoundedToo() throws {
        let header = (0..<100_000).map { "c\($0)" }.joined(separator: ",") + "\n"
        let result = try read(Array(header.utf8))
        #expect(result.log.hasErrors)
    }

    @Test func aHeaderWiderThanTheFieldLimitIsAnErrorNotAMissingColumn() throws {
        let header = (0..<1_100).map { "c\($0)" }.joined(separator: ",") + ",id,name\n"
        let row = Array(repeating: "v", count: 1_100).joined(separator: ",") + ",M1,n\n"
        let result = try read(Array((header + row).utf8))
        #expect(result.systems == 0)
        #expect(result.log.kept.map(\.description) == ["hostile.csv:1: error: the header has more than 1024 columns, the most a file may have"])
    }

    @Test func aHeaderNameOverTheFieldLimitIsAnErrorNotCutShort() throws {
        let header = "id,name," + String(repeating: "n", count: 70_000) + "\n"
        let result = try read(Array((header + "a,A,x\n").utf8))
        #expect(result.systems == 0)
        #expect(result.log.kept.map(\.description) == [
            "hostile.csv:1:3: error: column name is longer than 65536 bytes; no column is named like that"
        ])
    }

    @Test func anUnbalancedQuoteAtTheEndIsLocated() throws {
        let result = try read(Array("id,name\na,A\nb,\"never closed\nand more\n".utf8))
        #expect(result.systems == 1)
        #expect(result.log.kept.first?.description == "hostile.csv:3: error: a quoted field opened here is never closed before the end of the file")
    }

    @Test func aMillionEmptyRowsAreSkippedQuickly() throws {
        var bytes = Array("id,name\n".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "\n"), count: 1_000_000)
        bytes += Array("a,A\n".utf8)
        let result = try read(bytes)
        #expect(result.systems == 1)
        #expect(!result.log.hasErrors)
    }

    @Test func aMillionBadRowsKeepOnlyAHundredMessages() throws {
        var text = "id,name,data_locality\n"
        text.reserveCapacity(30_000_000)
        for index in 0..<1_000_000 { text += "i\(index),N,moon\n" }
        let result = try read(Array(text.utf8))
        #expect(result.log.errorCount == 1_000_000)
        #expect(result.log.kept.count == 100)
    }
}
