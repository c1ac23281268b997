import InventoryFiles
import Testing

func readAll(_ text: String, chunkSize: Int = 1 << 18, limits: CSVLimits = CSVLimits()) throws -> [CSVRecord] {
    try readAll(bytes: Array(text.utf8), chunkSize: chunkSize, limits: limits)
}

func readAll(bytes: [UInt8], chunkSize: Int = 1 << 18, limits: CSVLimits = CSVLimits()) throws -> [CSVRecord] {
    let reader = CSVReader(source: MemoryByteSource(bytes), limits: limits, chunkSize: chunkSize)
    var records: [CSVRecord] = []
    while try reader.readNext() { records.append(reader.record) }
    return records
}

@Suite("CSV reader")
struct CSVReaderTests {
    @Test func readsQuotedFieldsWithCommasQuotesAndLineBreaks() throws {
        let records = try readAll("a,\"b,c\",\"say \"\"hi\"\"\"\n\"line1\nline2\",x,\n")
        #expect(records.map(\.strings) == [["a", "b,c", "say \"hi\""], ["line1\nline2", "x", ""]])
        #expect(records.map(\.line) == [1, 2])
        #expect(records[1].fieldLines == [2, 3, 3])
    }

    @Test func acceptsCRLFLoneCRBOMAndAMissingFinalNewline() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("h1,h2\r\na,b\rc,d".utf8)
        let records = try readAll(bytes: bytes)
        #expect(records.map(\.strings) == [["h1", "h2"], ["a", "b"], ["c", "d"]])
        #expect(records.map(\.line) == [1, 2, 3])
    }

    /// Chunks of 4 to 9 bytes split the CRLF inside the quotes between two reads.
    @Test(arguments: ["\n", "\r\n", "\r"])
    func aLineEndInsideQuotesCountsAsOneLineWhateverItIs(lineEnd: String) throws {
        let text = "id,notes\(lineEnd)A1,\"two\(lineEnd)lines\"\(lineEnd)A2,x\(lineEnd)"
        for chunkSize in [1 << 18] + Array(4...9) {
            let records = try readAll(text, chunkSize: chunkSize)
            #expect(records.map(\.strings) == [["id", "notes"], ["A1", "two\(lineEnd)lines"], ["A2", "x"]], "chunks of \(chunkSize)")
            #expect(records.map(\.line) == [1, 2, 4], "chunks of \(chunkSize)")
            #expect(records.last?.fieldLines == [4, 4], "chunks of \(chunkSize)")
        }
        #expect(try readAll("a,\"open\(lineEnd)").last?.problem == .unclosedQuote(line: 1))
    }

    @Test func eachRecordSaysHowFarIntoTheInputItEnds() throws {
        // A byte-order mark, CRLF, a quoted line break, a blank line, no final line end; read
        // whole and four bytes at a time, so that records end in later chunks than they start.
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("h1,h2\r\na,\"b\nc\"\n\nd,e".utf8)
        for chunkSize in [1 << 18, 4] {
            #expect(try readAll(bytes: bytes, chunkSize: chunkSize).map(\.endOffset) == [10, 18, bytes.count])
        }
    }

    @Test func skipsBlankLinesButCountsThem() throws {
        let records = try readAll("a\n\n\r\nb\n\n")
        #expect(records.map(\.strings) == [["a"], ["b"]])
        #expect(records.map(\.line) == [1, 4])
    }

    @Test func aQuotedEmptyFieldIsARecordNotABlankLine() throws {
        #expect(try readAll("\"\"\n").map(\.strings) == [[""]])
    }

    @Test func reportsAQuoteLeftOpenAtTheEndOfTheFile() throws {
        let records = try readAll("a,b\nc,\"open\nmore\n")
        #expect(records.count == 2)
        #expect(records[1].problem == .unclosedQuote(line: 2))
    }

    @Test func reportsTextAfterAClosingQuote() throws {
        let records = try readAll("a,\"b\"x,c\n")
        #expect(records[0].problem == .textAfterClosingQuote(field: 2, line: 1, textLine: 1))
    }

    @Test func textAfterAQuoteClosedLinesLaterIsPlacedWhereTheFieldOpened() throws {
        let records = try readAll("a,b\nc,\"open\nswallowed\nx,\"late\"d\n")
        #expect(records.count == 2)
        #expect(records[1].problem == .textAfterClosingQuote(field: 2, line: 2, textLine: 4))
    }

    @Test func boundsFieldSizeAndFieldCount() throws {
        let long = String(repeating: "x", count: 100)
        let limits = CSVLimits(maximumFieldBytes: 10, maximumFields: 3)
        let records = try readAll("\(long),b\na,b,c,d,e\nok,ok\n", limits: limits)
        #expect(records[0].problem == .fieldTooLong(field: 1, line: 1, limit: 10))
        #expect(records[0].bytes.count <= 11)
        #expect(records[1].problem == .tooManyFields(line: 2, limit: 3))
        #expect(records[1].fieldCount == 3)
        #expect(records[2].problem == nil)
    }

    @Test func aDoubledQuotePastTheFieldLimitMakesTheFieldTooLong() throws {
        let limits = CSVLimits(maximumFieldBytes: 4, maximumFields: 3)
        let records = try readAll("\"abc\"\"\",x\n\"abcd\"\"\",y\n", limits: limits)
        #expect(records[0].problem == nil)
        #expect(records[0].strings == ["abc\"", "x"])
        #expect(records[1].problem == .fieldTooLong(field: 1, line: 2, limit: 4))
    }

    @Test(arguments: [1, 2, 3, 5, 7, 64])
    func givesTheSameRecordsWhateverTheChunkSize(chunkSize: Int) throws {
        let text = "\u{FEFF}id,note\r\n1,\"a \"\"quoted\"\"\r\nline, with comma\"\r\n2,São Paulo 桜\r\n\r\n3,\"\"\r\n4,last"
        let expected = try readAll(text).map(\.strings)
        #expect(expected.count == 5)
        #expect(try readAll(text, chunkSize: chunkSize).map(\.strings) == expected)
        #expect(try readAll(text, chunkSize: chunkSize).map(\.line) == [1, 2, 4, 6, 7])
    }
}

@Suite("CSV writer")
struct CSVWriterTests {
    func write(_ rows: [[String]]) throws -> String {
        let sink = MemoryByteSink()
        let writer = CSVWriter(sink: sink)
        for row in rows { try writer.writeRecord(row) }
        try writer.flush()
        return sink.text
    }

    @Test func quotesOnlyWhatNeedsQuoting() throws {
        #expect(try write([["plain", "a,b", "say \"hi\"", "two\nlines", ""]]) == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n")
    }

    @Test(arguments: [
        ("=SUM(A1)", "'=SUM(A1)"), ("+1", "'+1"), ("-1", "'-1"), ("@cmd", "'@cmd"), ("\tx", "'\tx"),
        ("'=x", "''=x"), ("''-x", "'''-x"), ("'plain", "'plain"), ("a=b", "a=b"), ("\rx", "\"'\rx\""),
    ])
    func guardsCellsASpreadsheetWouldRun(cell: String, written: String) throws {
        #expect(try write([[cell]]) == written + "\r\n")
    }

    @Test func whatIsWrittenReadsBackTheSame() throws {
        let cells = ["=1+2", "'=x", "''=y", "-", "@", "a,\"b\"", "x\r\ny", "São Paulo 桜", "", " spaced ", "'"]
        let text = try write([cells, cells.reversed()])
        let records = try readAll(text)
        let unguarded = records.map { record in
            (0..<record.fieldCount).map { index in
                record.withField(index) { String(decoding: FormulaGuard.unescaped($0), as: UTF8.self) }
            }
        }
        #expect(unguarded == [cells, cells.reversed()])
    }
}
