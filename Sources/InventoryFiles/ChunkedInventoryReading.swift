import Dispatch
import Glibc
import RiskModel
import Synchronization

/// Turns the valid systems of one chunk of a file into output bytes, on a worker thread.
public protocol ChunkRenderer: AnyObject {
    /// Appends the output for one system whose free text is left unset: `freeText` gives each
    /// free-text column's bytes, as `FieldCodec.checkFreeText` passed them.
    func render(_ system: ImagingSystem, freeText: (Column) -> UnsafeBufferPointer<UInt8>) throws(FileAccessError)
    /// How many bytes have been rendered: where the next system's output starts.
    var renderedCount: Int { get }
    /// Everything rendered; the renderer is not used after.
    func finish() throws(FileAccessError) -> [UInt8]
}

/// Reads an inventory file in chunks on every core, each chunk's systems rendered to bytes where
/// they are read, and writes those bytes in file order, with the same rows, issues and counts
/// as `InventoryReading` followed by the same rendering one row at a time.
///
/// Two stages on two threads (`Pipeline`) could not split the work evenly, and handing every
/// system, with its strings, from one core to the other cost a fifth of the CPU time again.
/// Here only bytes cross between threads.
///
/// A chunk's first record is where a line starts after the chunk's nominal start: a guess, since
/// a quoted field may hold line ends. The chunk before reads on past its own nominal end to the
/// end of the record it is in, and a chunk whose guess is not where that left off is read again
/// from there. Each chunk counts lines from 1; they are shifted once the chunks before are known.
/// Ids are checked for reuse in file order, as the chunks are written.
public enum ChunkedInventoryReading {
    /// The default worker count: the cores online, up to eight. Each worker keeps a chunk or two
    /// in memory, and past a few the one thread that writes the chunks in order is the limit.
    public static var defaultWorkers: Int { min(8, max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))) }

    /// Reads `file` (a regular file: the chunks are read with `pread`) and writes every valid
    /// system's rendering to `sink`. `onUsableHeader` is called before any row is written, once
    /// the header names the columns a system needs.
    public static func read<Renderer: ChunkRenderer>(
        _ file: FileByteSource, named path: String, today: CalendarDate, limits: CSVLimits = CSVLimits(),
        workers: Int = defaultWorkers, chunkSize: Int = 1 << 18,
        onUsableHeader: () throws -> Void,
        renderer makeRenderer: @escaping @Sendable (_ recycledOutput: [UInt8]) -> Renderer,
        to sink: some ByteSink
    ) throws -> CSVIssueLog {
        let headerReader = CSVReader(source: file.bytes(from: 0), limits: limits)
        var log = CSVIssueLog()
        guard let decoder = try InventoryReading.readHeader(headerReader, file: path, today: today, log: &log) else { return log }
        try onUsableHeader()
        let plan = ChunkPlan(
            file: file, path: path, today: today, limits: limits, header: headerReader.record,
            idHash: decoder.idHash, bodyStart: headerReader.bytesConsumed, chunkSize: chunkSize)
        // Room for twice a chunk's bytes: an assessment row is under twice its record, so the
        // buffer is not outgrown, and its doubling does not leave each spare one twice as large.
        let board = ChunkBoard(chunkCount: plan.chunkCount, inFlight: workers + 1, outputRoom: 2 * chunkSize)
        let workersDone = DispatchGroup()
        for worker in 0..<workers {
            workersDone.enter()
            DispatchQueue(label: "radrisk.chunks.\(worker)").async {
                let decoder = plan.decoder()
                board.work { index in
                    plan.read(
                        chunk: index, from: index == 0 ? plan.bodyStart : nil, decoding: decoder,
                        rendering: makeRenderer(board.spareOutput()))
                }
                workersDone.leave()
            }
        }
        var sink = sink
        var merged = MergedChunks(decoder: decoder, firstLine: headerReader.nextLine, start: plan.bodyStart)
        do {
            for index in 0..<plan.chunkCount {
                var chunk = board.take(index)
                if chunk.start != merged.start {
                    chunk = plan.read(chunk: index, from: merged.start, decoding: decoder, rendering: makeRenderer(board.spareOutput()))
                }
                if index == 0 { decoder.reserveIDs(plan.expectedRecords(likeIn: chunk)) }
                try merged.append(chunk, log: &log, to: &sink)
                board.release(&chunk.output)
            }
        } catch {
            board.cancel(workers: workers)
            workersDone.wait()
            throw error
        }
        workersDone.wait()
        return log
    }
}

/// How a file is cut into chunks, and how one chunk is read.
private struct ChunkPlan: Sendable {
    let file: FileByteSource
    let path: String
    let today: CalendarDate
    let limits: CSVLimits
    let header: CSVRecord
    let idHash: SipHash128
    /// Where the first record after the header starts.
    let bodyStart: Int
    let chunkSize: Int
    let chunkCount: Int

    init(
        file: FileByteSource, path: String, today: CalendarDate, limits: CSVLimits, header: CSVRecord,
        idHash: SipHash128, bodyStart: Int, chunkSize: Int
    ) {
        self.file = file
        self.path = path
        self.today = today
        self.limits = limits
        self.header = header
        self.idHash = idHash
        self.bodyStart = bodyStart
        self.chunkSize = chunkSize
        chunkCount = max(1, ((file.size ?? 0) - bodyStart + chunkSize - 1) / chunkSize)
    }

    /// A decoder of the file's records, for one thread (its checks of ids go unused: they are
    /// made as the chunks are written).
    func decoder() -> InventoryDecoder { InventoryDecoder(header: header, file: path, today: today) }

    /// How many records the file holds if they are as long as the chunk's on average; at most
    /// four million, so that a first chunk of short records cannot set aside much memory for a
    /// large file that turns out to hold long ones (past that, the ids' tables grow as they fill).
    func expectedRecords(likeIn chunk: Chunk) -> Int {
        let records = chunk.rows.count + chunk.invalid.count
        guard let size = file.size, records > 0, chunk.end > chunk.start else { return records }
        return min(1 << 22, Int(Double(records) * Double(size - bodyStart) / Double(chunk.end - chunk.start)))
    }

    /// Reads chunk `index` from `knownStart`, where a record is known to start, or else from the
    /// first line start at or after its nominal start. It reads on to the end of the record that
    /// holds the next chunk's nominal start (the last chunk, to the end of the file).
    func read(chunk index: Int, from knownStart: Int?, decoding decoder: InventoryDecoder, rendering renderer: some ChunkRenderer) -> Chunk {
        let limit = index == chunkCount - 1 ? Int.max : bodyStart + (index + 1) * chunkSize
        var chunk = Chunk(start: knownStart ?? 0)
        do throws(FileAccessError) {
            if let knownStart {
                chunk.start = knownStart
            } else {
                chunk.start = try lineStart(atOrAfter: bodyStart + index * chunkSize, before: limit)
            }
            chunk.end = chunk.start
            guard chunk.start < limit else { return chunk }
            // A smaller buffer than a whole file's reader: it is allocated for every chunk, and at
            // this size it comes back from the heap instead of being mapped and faulted in anew.
            let reader = CSVReader(source: file.bytes(from: chunk.start), limits: limits, chunkSize: 1 << 16, startOfFile: false)
            while try reader.readNext() {
                let record = reader.record
                switch decoder.decodeFields(record, keepingFreeText: false) {
                case .system(let system):
                    chunk.ids.append(contentsOf: system.id.rawValue.utf8)
                    try decoder.withFreeText(of: record) { (freeText) throws(FileAccessError) in try renderer.render(system, freeText: freeText) }
                    chunk.rows.append(Chunk.Row(
                        id: SeenIDs.key(of: system.id.rawValue, hash: idHash), line: record.line,
                        idLine: record.fieldLines[decoder.idPosition], outputEnd: renderer.renderedCount, idEnd: chunk.ids.count))
                case .invalid:
                    chunk.invalid.append(Chunk.InvalidRecord(record: record, rowsBefore: chunk.rows.count))
                }
                if chunk.start + record.endOffset >= limit { break }
            }
            chunk.end = chunk.start + reader.bytesConsumed
            chunk.lineCount = reader.nextLine - 1
            chunk.output = try renderer.finish()
        } catch {
            chunk.failure = error
        }
        return chunk
    }

    /// The offset just past the first line feed at or after `offset - 1` (`offset` itself when a
    /// line ends right before it), or `limit` when there is none before it. A chunk that holds no
    /// line feed (a file whose lines end in CR alone) is then empty, and read again from where the
    /// chunk before ended: looking on to the end of the file instead, every chunk of such a file
    /// read the rest of it.
    private func lineStart(atOrAfter offset: Int, before limit: Int) throws(FileAccessError) -> Int {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 14, alignment: 1)
        defer { buffer.deallocate() }
        var position = offset - 1
        while position < limit {
            let count = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<min(buffer.count, limit - position)]), at: position)
            if count == 0 { return position }
            if let lineFeed = buffer[..<count].firstIndex(of: .lineFeed) { return position + lineFeed + 1 }
            position += count
        }
        return limit
    }
}

/// What reading one chunk gave: its valid rows' output, and what the merge needs to report
/// problems and reused ids with the file's own line numbers.
private struct Chunk: Sendable {
    struct Row: Sendable {
        let id: DigestTable.Key
        /// Lines counted from the chunk's start, as every line here.
        let line: Int
        let idLine: Int
        /// Where the row's output ends in `output` (it starts where the row before ends).
        let outputEnd: Int
        /// Where the id's bytes end in `ids`.
        let idEnd: Int
    }

    struct InvalidRecord: Sendable {
        let record: CSVRecord
        /// How many valid rows come before it in the chunk.
        let rowsBefore: Int
    }

    /// Where its first record starts, and how far it read.
    var start: Int
    var end = 0
    /// How many lines it spans.
    var lineCount = 0
    var output: [UInt8] = []
    var rows: [Row] = []
    var ids: [UInt8] = []
    var invalid: [InvalidRecord] = []
    var failure: FileAccessError?
}

/// The chunks written so far, in file order.
private struct MergedChunks {
    let decoder: InventoryDecoder
    /// The line, and the offset, where the next chunk must start.
    var firstLine: Int
    var start: Int

    init(decoder: InventoryDecoder, firstLine: Int, start: Int) {
        self.decoder = decoder
        self.firstLine = firstLine
        self.start = start
    }

    /// Writes the chunk's rows but for those whose id came earlier in the file, and logs its
    /// problems, ids used again among them, in file order.
    mutating func append(_ chunk: Chunk, log: inout CSVIssueLog, to sink: inout some ByteSink) throws(FileAccessError) {
        if let failure = chunk.failure { throw failure }
        let shift = firstLine - 1
        var nextInvalid = 0
        func logInvalidRecords(before row: Int) {
            while nextInvalid < chunk.invalid.count, chunk.invalid[nextInvalid].rowsBefore <= row {
                var record = chunk.invalid[nextInvalid].record
                record.shiftLines(by: shift)
                if case .invalid(let issues) = decoder.decode(record) { log.record(invalidRecord: issues) }
                nextInvalid += 1
            }
        }
        var written = 0
        var rowStart = 0
        var idStart = 0
        for (index, row) in chunk.rows.enumerated() {
            if index.isMultiple(of: Self.idsWarmedAtOnce) {
                decoder.warmIDs(chunk.rows[index..<min(index + Self.idsWarmedAtOnce, chunk.rows.count)].lazy.map(\.id))
            }
            logInvalidRecords(before: index)
            if let firstLine = decoder.firstLine(of: row.id, recordingLine: row.line + shift) {
                let id = String(decoding: chunk.ids[idStart..<row.idEnd], as: UTF8.self)
                log.record(invalidRecord: [decoder.reusedID(id, line: row.idLine + shift, firstLine: firstLine)])
                try write(chunk.output, written..<rowStart, to: &sink)
                written = row.outputEnd
            }
            rowStart = row.outputEnd
            idStart = row.idEnd
        }
        logInvalidRecords(before: Int.max)
        try write(chunk.output, written..<chunk.output.count, to: &sink)
        firstLine += chunk.lineCount
        start = chunk.end
    }

    /// Enough to overlap the memory reads of a group of checks, few enough that a group's slots
    /// are still in the cache when their checks come.
    private static let idsWarmedAtOnce = 16

    private func write(_ bytes: [UInt8], _ range: Range<Int>, to sink: inout some ByteSink) throws(FileAccessError) {
        guard !range.isEmpty else { return }
        var failure: FileAccessError?
        bytes.withUnsafeBytes { raw in
            do throws(FileAccessError) { try sink.write(UnsafeRawBufferPointer(rebasing: raw[range])) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}

/// Hands chunk numbers to the workers, in order, and their chunks to the merge; at most
/// `inFlight` chunks are being read or waiting to be written, so memory stays bounded.
private final class ChunkBoard: Sendable {
    private let chunkCount: Int
    private let next = Atomic<Int>(0)
    private let cancelled = Atomic<Bool>(false)
    private let done = Mutex<[Int: Chunk]>([:])
    /// Counts chunks read and not yet taken.
    private let finished = DispatchSemaphore(value: 0)
    /// Counts free places.
    private let places = DispatchSemaphore(value: 0)
    /// Output buffers of chunks written, kept for chunks to come: a fresh one, half a megabyte,
    /// costs a page fault every four kilobytes.
    private let spareOutputs = Mutex<[[UInt8]]>([])
    private let outputRoom: Int

    init(chunkCount: Int, inFlight: Int, outputRoom: Int) {
        self.chunkCount = chunkCount
        self.outputRoom = outputRoom
        // Signalled up from zero: libdispatch traps when a semaphore is freed below the value it
        // was created with.
        for _ in 0..<inFlight { places.signal() }
    }

    /// Reads chunks, one after another, until there are none left or the merge gave up.
    func work(_ read: (Int) -> Chunk) {
        while true {
            places.wait()
            let index = next.add(1, ordering: .relaxed).oldValue
            guard index < chunkCount, !cancelled.load(ordering: .relaxed) else {
                places.signal()
                return
            }
            let chunk = read(index)
            done.withLock { $0[index] = chunk }
            finished.signal()
        }
    }

    /// Waits for chunk `index` and takes it.
    func take(_ index: Int) -> Chunk {
        while true {
            if let chunk = done.withLock({ $0.removeValue(forKey: index) }) { return chunk }
            finished.wait()
        }
    }

    /// Frees the place of a chunk written, and keeps its output buffer for another.
    func release(_ output: inout [UInt8]) {
        // Taken, not copied: emptying a buffer that is still shared allocates a new one.
        var spare: [UInt8] = []
        swap(&spare, &output)
        spare.removeAll(keepingCapacity: true)
        spareOutputs.withLock { [spare] in $0.append(spare) }
        places.signal()
    }

    /// An empty buffer, with room from an earlier chunk when there is one.
    func spareOutput() -> [UInt8] {
        if let spare = spareOutputs.withLock({ $0.popLast() }) { return spare }
        var fresh: [UInt8] = []
        fresh.reserveCapacity(outputRoom)
        return fresh
    }

    /// Stops the workers at their next chunk.
    func cancel(workers: Int) {
        cancelled.store(true, ordering: .relaxed)
        for _ in 0..<workers { places.signal() }
    }
}
