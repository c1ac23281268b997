import GRDB
@testable import Inventory
import Testing

@Suite("text_contains, the scan for text too short for trigrams")
struct TextContainsTests {
    func database() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.prepareDatabase { db in try TextContains.register(on: db) }
        return try DatabaseQueue(configuration: configuration)
    }

    /// Cells that put a match at every offset of an eight-byte word and across words, near
    /// letters' other case and near the bytes that differ from a letter in bit 0x20 alone.
    static let cells: [String] = {
        var cells = ["", "n", "N", "ne", "NE", "nE", "en", "one", "ONE", "@", "`", "[{", "{[", "Zq", "zQ", "é", "É", "ß", "né", "NÉ", "日本", "本日"]
        for length in 1...20 {
            for offset in 0..<length {
                var bytes = Array(repeating: "x", count: length)
                bytes[offset] = "N"
                cells.append(bytes.joined())
                if offset + 1 < length { bytes[offset + 1] = "e" }
                cells.append(bytes.joined())
            }
        }
        cells.append(String(repeating: "n", count: 17) + "E")
        cells.append(String(repeating: "@", count: 9) + "`")
        return cells
    }()

    static let texts = ["n", "N", "e", "ne", "NE", "En", "x", "xN", "@", "`", "[", "{", "é", "É", "né", "日", "本日", "q", "zq", "xxxxxxxxxN"]

    /// The meaning it must keep: SQLite's own LIKE, ASCII letters alike in either case.
    @Test func agreesWithLikeOnEveryCellAndText() throws {
        let rows = try database().read { db in
            try Self.texts.flatMap { text in
                try Self.cells.map { cell in
                    (text, cell, try Row.fetchOne(
                        db, sql: "SELECT text_contains(?, ?), ? LIKE ?", arguments: [text, cell, cell, "%" + text + "%"])!)
                }
            }
        }
        for (text, cell, row) in rows {
            #expect(row[0] as Bool == row[1] as Bool, "\(text.debugDescription) in \(cell.debugDescription)")
        }
        #expect(rows.count(where: { $0.2[0] as Bool }) > 100)
    }

    @Test func anyColumnMatchesAndNullsDoNot() throws {
        let database = try database()
        func contains(_ arguments: String) throws -> Bool? {
            try database.read { db in try Bool.fetchOne(db, sql: "SELECT text_contains(\(arguments))") }
        }
        #expect(try contains("'ne', 'abc', NULL, 'one'") == true)
        #expect(try contains("'ne', 'abc', NULL, 'xyz'") == false)
        #expect(try contains("'ne'") == false)
        #expect(try contains("NULL, 'ne'") == nil)
        #expect(try contains("'', 'abc'") == true)
        #expect(try contains("'', ''") == true)
        #expect(try contains("'', NULL") == false)
        #expect(try contains("'', NULL, ''") == true)
    }

    @Test func rangesAreCutIntoConsecutivePartsCoveringEveryNumber() {
        for (range, parts) in [(Int64(1)...1, 2), (1...2, 2), (1...3, 2), (5...1_000_000, 2), (0...0, 1), (7...100, 3), (1...2, 4)] {
            let cut = InventoryStore.cut(range, into: parts)
            #expect(cut.count == min(parts, range.count))
            #expect(cut.first?.lowerBound == range.lowerBound)
            #expect(cut.last?.upperBound == range.upperBound)
            for (earlier, later) in zip(cut, cut.dropFirst()) { #expect(later.lowerBound == earlier.upperBound + 1) }
            #expect(cut.allSatisfy { $0.count <= (range.count + parts - 1) / parts })
        }
    }
}
