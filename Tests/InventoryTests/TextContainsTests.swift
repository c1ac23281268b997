import GRDB
@testable import Inventory
import Testing

@Suite("text_contains, the text filter's test of each row")
struct TextContainsTests {
    func database() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.prepareDatabase { db in try TextContains.register(on: db) }
        return try DatabaseQueue(configuration: configuration)
    }

    /// Cells that put a match at every offset of an eight-byte word and across words, near
    /// letters' other case and near the bytes that differ from a letter in bit 0x20 alone, and
    /// letters beyond ASCII in either case.
    static let cells: [String] = {
        var cells = [
            "", "n", "N", "ne", "NE", "nE", "en", "one", "ONE", "@", "`", "[{", "{[", "Zq", "zQ", "é", "É", "ß", "né", "NÉ",
            "日本", "本日", "ö", "Ö", "xÖn", "RÖNTGEN", "o", "\u{212A}", "ſ",
        ]
        for length in 1...20 {
            for offset in 0..<length {
                var bytes = Array(repeating: "x", count: length)
                bytes[offset] = "N"
                cells.append(bytes.joined())
                if offset + 1 < length { bytes[offset + 1] = "e" }
                cells.append(bytes.joined())
                bytes[offset] = "Ö"
                cells.append(bytes.joined())
            }
        }
        cells.append(String(repeating: "n", count: 17) + "E")
        cells.append(String(repeating: "@", count: 9) + "`")
        return cells
    }()

    static let texts = [
        "n", "N", "e", "ne", "NE", "En", "x", "xN", "@", "`", "[", "{", "é", "É", "né", "日", "本日", "q", "zq", "xxxxxxxxxN",
        "ö", "Ö", "öe", "ÖN", "xö", "o", "k", "K", "s",
    ]

    /// Each text's code points occur in the cell's, both lowered: for these letters Swift's lower
    /// case is what the trigram tokenizer folds to (for ASCII, LIKE's meaning too). The Kelvin sign and
    /// the long s fold to `k` and `s`.
    static func expected(_ text: String, in cell: String) -> Bool {
        func folded(_ text: String) -> [Unicode.Scalar] {
            text.unicodeScalars.flatMap { scalar in
                ["\u{212A}": "k", "ſ": "s"][scalar].map { Array($0.unicodeScalars) } ?? Array(String(scalar).lowercased().unicodeScalars)
            }
        }
        let wanted = folded(text)
        let found = folded(cell)
        guard wanted.count <= found.count else { return false }
        return (0...(found.count - wanted.count)).contains { Array(found[$0..<($0 + wanted.count)]) == wanted }
    }

    @Test func matchesEveryTextInEveryCellWhateverTheCase() throws {
        let rows = try database().read { db in
            try Self.texts.flatMap { text in
                try Self.cells.map { cell in
                    (text, cell, try Bool.fetchOne(db, sql: "SELECT text_contains(?, ?)", arguments: [text, cell])!)
                }
            }
        }
        for (text, cell, found) in rows {
            #expect(found == Self.expected(text, in: cell), "\(text.debugDescription) in \(cell.debugDescription)")
        }
        #expect(rows.count(where: \.2) > 100)
    }

    /// Text must fold as the filter's trigram index did, which is what SQLite's trigram tokenizer
    /// does: every length alike. For every letter
    /// with a case, in the two planes of Unicode that have them, and each of its case variants: the
    /// letter (and the letter and a `y`) is looked for in the variant followed by `yz`, with
    /// `text_contains` and, padded to three characters, with the trigram index.
    @Test func foldsEveryLetterAsTheTrigramIndexDoes() throws {
        var pairs: [(String, String)] = [("o", "ö"), ("ö", "o"), ("e", "é"), ("i", "İ"), ("ı", "I")]
        for value in UInt32(0x80)..<0x2_0000 {
            guard let scalar = Unicode.Scalar(value), scalar.properties.changesWhenCaseMapped else { continue }
            let letter = String(scalar)
            let variants = Set([letter.lowercased(), letter.uppercased(), letter.uppercased().lowercased(), String(scalar.properties.titlecaseMapping)])
                .filter { $0.unicodeScalars.count == 1 && $0 != letter }
            for variant in variants { pairs += [(letter, variant), (variant, letter)] }
        }
        #expect(pairs.count > 2_000)
        let database = try database()
        let disagreements = try database.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'trigram')")
            for (number, pair) in pairs.enumerated() {
                try db.execute(sql: "INSERT INTO t (rowid, x) VALUES (?, ?)", arguments: [number, pair.1 + "yz"])
            }
            return try pairs.enumerated().filter { number, pair in
                let (text, cell) = pair
                let row = try Row.fetchOne(db, sql: """
                    SELECT text_contains(?1, ?2 || 'yz'), text_contains(?1 || 'y', ?2 || 'yz'),
                        EXISTS (SELECT 1 FROM t WHERE t MATCH '"' || ?1 || 'yz"' AND rowid = ?3)
                    """, arguments: [text, cell, number])!
                return row[0] as Bool != row[2] as Bool || row[1] as Bool != row[2] as Bool
            }.map { "\($0.1.0) in \($0.1.1)" }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagree, such as \(disagreements.prefix(8))")
        #expect(try database.read { db in try Bool.fetchOne(db, sql: "SELECT text_contains('ö', 'xÖ')") } == true)
    }

    /// Texts of every length up to 12 in cells up to 40 bytes long, from bytes that are letters in
    /// either case and bytes that differ from a letter in bit 0x20 alone: found exactly where a
    /// byte-by-byte comparison of the folded bytes finds them, wherever the match starts in or
    /// across eight-byte words, and in the last, overlapping word.
    @Test func bytesAreMatchedEightStartsAtATimeAsOneByOne() {
        let letters = Array("nNeE".utf8)
        let others = Array("xX@`[{".utf8)
        var generator = SystemRandomNumberGenerator()
        func randomBytes(_ count: Int, othersOneIn odds: Int) -> [UInt8] {
            (0..<count).map { _ in (Int.random(in: 0..<odds, using: &generator) == 0 ? others : letters).randomElement(using: &generator)! }
        }
        func folded(_ bytes: [UInt8]) -> [UInt8] { bytes.map { $0 &- UInt8(ascii: "A") < 26 ? $0 | 0x20 : $0 } }
        var found = 0
        for _ in 0..<20_000 {
            let cell = randomBytes(Int.random(in: 0...40, using: &generator), othersOneIn: 4)
            let text = randomBytes(Int.random(in: 1...12, using: &generator), othersOneIn: 6)
            let (foldedCell, foldedText) = (folded(cell), folded(text))
            let expected = foldedCell.count >= foldedText.count
                && (0...(foldedCell.count - foldedText.count)).contains { Array(foldedCell[$0..<($0 + foldedText.count)]) == foldedText }
            let actual = text.withUnsafeBufferPointer { text in cell.withUnsafeBufferPointer { TextContains.contains(text, in: $0) } }
            #expect(actual == expected, "\(String(decoding: text, as: UTF8.self)) in \(String(decoding: cell, as: UTF8.self))")
            if expected { found += 1 }
        }
        #expect(found > 2_000)
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
