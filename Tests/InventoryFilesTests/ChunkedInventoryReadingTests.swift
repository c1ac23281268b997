import Glibc
import InventoryFiles
import RiskModel
import Testing

/// The chunked reader must give exactly what reading the file from start to end gives: the same
/// rows in the same order, the same issues at the same lines, the same counts. Tiny chunks put
/// chunk starts inside quoted line breaks, CRLF pairs, blank lines, broken quotes and lone CRs;
/// free text that is not ASCII, not UTF-8, empty or guarded is written from its bytes.
@Suite("Reading an inventory in chunks on several threads")
struct ChunkedInventoryReadingTests {
    struct Result: Equatable {
        var rows: [UInt8]
        var issues: [CSVIssue]
        var errorCount: Int
        var invalidRecordCount: Int

        init(_ rows: [UInt8], _ log: CSVIssueLog) {
            self.rows = rows
            issues = log.kept
            errorCount = log.errorCount
            invalidRecordCount = log.invalidRecordCount
        }
    }

    static let header = "id,name,data_locality,retention_days,notes"

    /// An inventory with every awkward shape, chosen by a fixed seed: ids that come back, bad
    /// values, quoted line breaks, doubled quotes, text after a closing quote, blank lines, CRLF
    /// and lone CR line ends, and (if asked) a byte-order mark and no final line end.
    static func awkwardInventory(seed: UInt64, rows: Int, byteOrderMark: Bool, finalLineEnd: Bool) -> [UInt8] {
        var random = seed
        func next(_ bound: Int) -> Int {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((random >> 33) % UInt64(bound))
        }
        var text = (byteOrderMark ? "\u{FEFF}" : "") + header + "\n"
        for row in 0..<rows {
            let id = next(6) == 0 ? "SYS-\(next(max(1, row)))" : "SYS-\(row)"
            let locality = ["on_premises", "vendor_cloud_same_country", "somewhere", ""][next(4)]
            let retention = ["30", "-5", "", "365"][next(4)]
            let notes = [
                "plain", "\"a, quoted\nnote\"", "\"two\r\nlines, \"\"quoted\"\"\"", "\"open\"then text", "\"\"",
                "\"line\n\nbreaks\"", "Überprüft", "not UTF-8: \u{FFFF}",
            ][next(8)]
            let name = ["System \(row)", "Système \(row)", "", "Bell\u{7} \(row)", "=Formula \(row)", "\"Quoted, \(row)\""][next(6)]
            let fields = next(25) == 0 ? "\(id),short" : "\(id),\(name),\(locality),\(retention),\(notes)"
            text += fields + ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"][next(5)]
        }
        if !finalLineEnd { text += "SYS-last,Last one,on_premises,30,\"no end" }
        // U+FFFF stands in for a byte that is not UTF-8.
        return Array(text.utf8).replacing([0xEF, 0xBF, 0xBF], with: [0xC3, 0x28])
    }

    static func fromStartToEnd(_ bytes: [UInt8]) throws -> Result {
        let rows = MemoryByteSink()
        let writer = AssessmentCSVWriter(sink: rows)
        let log = try InventoryReading.read(MemoryByteSource(bytes), file: "in.csv", today: today) { system, _ in
            try writer.write(AssessedSystem(system: system, policy: .standard))
        }
        try writer.finish(trailer: [:])
        return Result(rows.bytes, log)
    }

    static func inChunks(_ bytes: [UInt8], chunkSize: Int, workers: Int) throws -> Result {
        let path = try temporaryFile(holding: bytes)
        defer { unlink(path) }
        let rows = MemoryByteSink()
        let log = try ChunkedInventoryReading.read(
            FileByteSource(path: path), named: "in.csv", today: today, workers: workers, chunkSize: chunkSize,
            onUsableHeader: {}, renderer: { AssessmentCSVRows(policy: .standard, output: $0) }, to: rows)
        return Result(rows.bytes, log)
    }

    static func temporaryFile(holding bytes: [UInt8]) throws -> String {
        var template = Array("/tmp/radrisk-chunks-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var file = FileByteSink(descriptor: descriptor, path: path, closing: true)
        try file.write(all: bytes)
        return path
    }

    @Test(arguments: [(1, 1), (2, 2), (3, 3), (7, 2), (16, 1), (16, 2), (61, 3), (200, 2), (4096, 2)])
    func chunksGiveWhatOneReadingGives(chunkSize: Int, workers: Int) throws {
        for seed in 1...4 as ClosedRange<UInt64> {
            let bytes = Self.awkwardInventory(seed: seed, rows: 60, byteOrderMark: seed == 2, finalLineEnd: seed != 3)
            let expected = try Self.fromStartToEnd(bytes)
            #expect(expected.invalidRecordCount > 5 && expected.rows.count > 1_000, "the sample has both kinds of rows")
            #expect(try Self.inChunks(bytes, chunkSize: chunkSize, workers: workers) == expected, "seed \(seed)")
        }
    }

    /// With no line feed to start a chunk at, every chunk is read from where the one before ended.
    @Test(arguments: [5, 64])
    func linesEndedByCarriageReturnsAloneGiveWhatOneReadingGives(chunkSize: Int) throws {
        let bytes = Self.awkwardInventory(seed: 5, rows: 40, byteOrderMark: false, finalLineEnd: true)
            .map { $0 == UInt8(ascii: "\n") ? UInt8(ascii: "\r") : $0 }
        #expect(!bytes.contains(UInt8(ascii: "\n")))
        #expect(try Self.inChunks(bytes, chunkSize: chunkSize, workers: 2) == Self.fromStartToEnd(bytes))
    }

    @Test func anIdReusedInALaterChunkIsReportedAgainstItsFirstLineAndLeftOut() throws {
        let text = Self.header + "\nA-1,First,on_premises,30,x\nB-2,Other,on_premises,30,x\nA-1,Again,on_premises,30,x\n"
        let result = try Self.inChunks(Array(text.utf8), chunkSize: 8, workers: 2)
        #expect(result.issues.map(\.description) == [
            "in.csv:4:1: error: id 'A-1' is used again (first on line 2); ids must be unique",
        ])
        let rows = String(decoding: result.rows, as: UTF8.self)
        #expect(rows.contains("First") && rows.contains("Other") && !rows.contains("Again"))
    }

    @Test func anIdReusedWhereEitherRowHasOtherErrorsIsReportedAsOneReadingReportsIt() throws {
        let text = Self.header + "\nA-1,First,somewhere,30,x\nB-2,Other,on_premises,30,x\nA-1,Again,on_premises,-5,x\n"
            + "B-2,Later,on_premises,30,x\n"
        let bytes = Array(text.utf8)
        let result = try Self.inChunks(bytes, chunkSize: 8, workers: 2)
        #expect(result.issues.map(\.line) == [2, 4, 4, 5])
        #expect(result.issues.map(\.message).filter { $0.hasPrefix("id ") } == [
            "id 'A-1' is used again (first on line 2); ids must be unique", "id 'B-2' is used again (first on line 3); ids must be unique",
        ])
        #expect(result == (try Self.fromStartToEnd(bytes)))
        let rows = String(decoding: result.rows, as: UTF8.self)
        #expect(rows.contains("Other") && !rows.contains("Again") && !rows.contains("Later"))
    }

    @Test func aFileThatIsNotAnInventoryGivesOnlyItsHeaderIssuesAndNoRows() throws {
        var headerSeen = false
        let path = try Self.temporaryFile(holding: Array("name,notes\nx,y\n".utf8))
        defer { unlink(path) }
        let rows = MemoryByteSink()
        let log = try ChunkedInventoryReading.read(
            FileByteSource(path: path), named: "in.csv", today: today, onUsableHeader: { headerSeen = true },
            renderer: { AssessmentCSVRows(policy: .standard, output: $0) }, to: rows)
        #expect(!headerSeen && rows.bytes.isEmpty)
        #expect(log.kept.map(\.message) == ["the header has no 'id' column; 'id' is required"])
    }

    @Test(arguments: Column.allCases.filter(\.isFreeText))
    func checkingFreeTextRefusesWhatSettingItRefuses(column: Column) {
        let cells: [[UInt8]] = [
            [], Array("plain".utf8), Array("Système".utf8), Array("tab\there".utf8), Array("two\r\nlines".utf8),
            Array("bell\u{7}".utf8), Array("next\u{85}line".utf8), [0x61, 0xC3, 0x28], [0xFF],
            Array(String(repeating: "x", count: ImagingSystem.maximumNameLength + 1).utf8),
            Array(String(repeating: "é", count: ImagingSystem.maximumNameLength).utf8),
            Array(String(repeating: "y", count: ImagingSystem.maximumNotesLength + 1).utf8),
            Array(String(repeating: "\r\n", count: ImagingSystem.maximumNotesLength / 2 + 1).utf8),
            Array(String(repeating: "z", count: CSVLimits.defaultMaximumFieldBytes).utf8),
            Array(String(repeating: "z", count: CSVLimits.defaultMaximumFieldBytes + 1).utf8),
            Array(("-" + String(repeating: "z", count: CSVLimits.defaultMaximumFieldBytes - 1)).utf8),
        ]
        for cell in cells {
            cell.withUnsafeBufferPointer { bytes in
                var system = ImagingSystem(id: SystemID("X-1")!, name: "x")
                func refusal(_ body: () throws(FieldError) -> Void) -> String? {
                    do throws(FieldError) { try body() } catch { return error.description }
                    return nil
                }
                let setting = refusal { () throws(FieldError) in try FieldCodec.set(column, from: bytes, on: &system, today: today) }
                let checking = refusal { () throws(FieldError) in try FieldCodec.checkFreeText(column, from: bytes, today: today) }
                #expect(checking == setting, "\(column) \(cell.prefix(12))")
            }
        }
    }

    struct Full: ByteSink {
        mutating func write(_ bytes: UnsafeRawBufferPointer) throws(FileAccessError) {
            throw FileAccessError(.writing, path: "out.csv", reason: "No space left on device")
        }
    }

    @Test func aWriteErrorStopsEveryWorkerAndIsThrown() throws {
        let bytes = Self.awkwardInventory(seed: 9, rows: 2_000, byteOrderMark: false, finalLineEnd: true)
        let path = try Self.temporaryFile(holding: bytes)
        defer { unlink(path) }
        #expect(throws: FileAccessError.self) {
            _ = try ChunkedInventoryReading.read(
                FileByteSource(path: path), named: "in.csv", today: today, workers: 2, chunkSize: 64,
                onUsableHeader: {}, renderer: { AssessmentCSVRows(policy: .standard, output: $0) }, to: Full())
        }
    }
}
