import RiskModel
import Testing

@Suite("Byte strings and decimal digits")
struct ByteStringsTests {
    @Test func givesBackEachStringsBytesByIndex() {
        let strings = ["low", "", "vendor_cloud_cross_border", "Hôpital", ";"]
        let table = ByteStrings(strings)
        #expect(table.count == strings.count)
        #expect(strings.indices.map { String(decoding: table[$0], as: UTF8.self) } == strings)
    }

    @Test(arguments: [0, 7, 10, 99, 100, 36_500, 1_000_000, Int.max])
    func writesTheDigitsOfANumber(value: Int) {
        let digits = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            buffer[0] = UInt8(ascii: "#")
            let end = appendDecimal(value, to: buffer, at: 1)
            return String(decoding: buffer[..<end], as: UTF8.self)
        }
        #expect(digits == "#\(value)")
    }

    @Test(arguments: ["2024-02-29", "0001-01-01", "9999-12-31"])
    func spellsADateAsItParses(text: String) throws {
        let date = try #require(CalendarDate(isoBytes: Array(text.utf8)))
        #expect(date.description == text)
        #expect(date.withISOBytes { Array($0) } == Array(text.utf8))
    }

    @Test(arguments: ["2023-02-29", "2024-13-01", "2024-1-01", "2024-01-01 ", "2024/01/01", ""])
    func refusesAnythingButARealDate(text: String) {
        #expect(CalendarDate(isoBytes: Array(text.utf8)) == nil)
    }
}
