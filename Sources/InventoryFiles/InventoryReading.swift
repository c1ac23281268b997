import RiskModel

/// Streams an inventory CSV: each valid system goes to `body` as soon as it is read, with where its
/// record stands in the file; every problem goes to the returned log. Memory stays flat whatever the
/// file's size (but for the set of ids seen, which duplicate detection needs).
public enum InventoryReading {
    /// `onUsableHeader` is called once the header names the columns a system needs: until then the
    /// file may not be an inventory at all (empty, or another CSV), and nothing should be written.
    public static func read<Source: ByteSource>(
        _ source: Source, file: String, today: CalendarDate, limits: CSVLimits = CSVLimits(),
        onUsableHeader: () throws -> Void = {},
        body: (_ system: consuming ImagingSystem, _ place: RecordPlace) throws -> Void, onInvalidRecord: () -> Void = {}
    ) throws -> CSVIssueLog {
        let reader = CSVReader(source: source, limits: limits)
        var log = CSVIssueLog()
        guard let decoder = try readHeader(reader, file: file, today: today, log: &log) else { return log }
        try onUsableHeader()
        while try reader.readNext() {
            switch decoder.decode(reader.record) {
            case .system(let system): try body(system, RecordPlace(line: reader.record.line, endOffset: reader.record.endOffset))
            case .invalid(let issues):
                log.record(invalidRecord: issues)
                onInvalidRecord()
            }
        }
        return log
    }

    /// Reads the header and returns the decoder for the records after it, or nil when the file is
    /// not an inventory (empty, or without the columns a system needs); its issues go to `log`.
    static func readHeader(
        _ reader: CSVReader<some ByteSource>, file: String, today: CalendarDate, log: inout CSVIssueLog
    ) throws(FileAccessError) -> InventoryDecoder? {
        guard try reader.readNext() else {
            log.record(CSVIssue(.error, file: file, line: 1, message: "the file is empty; a header row is required"))
            return nil
        }
        let decoder = InventoryDecoder(header: reader.record, file: file, today: today)
        decoder.headerIssues.forEach { log.record($0) }
        return decoder.headerIsUsable ? decoder : nil
    }
}

/// Where a record stands in its file.
public struct RecordPlace: Sendable {
    /// The line the record starts on.
    public let line: Int
    /// The bytes of the file up to the record's end (see `CSVRecord.endOffset`).
    public let endOffset: Int
}
