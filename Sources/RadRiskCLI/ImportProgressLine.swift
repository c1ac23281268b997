import Glibc
import Inventory
import InventoryFiles
import Synchronization

/// An import's progress on one line of standard error, redrawn in place at most five times a
/// second and erased when the import ends. Only on a terminal: scripts and logs get none of it.
final class ImportProgressLine: Sendable {
    private let size: Int?
    private let lastDrawn = Mutex<ContinuousClock.Instant?>(nil)

    /// Nil unless standard error is a terminal. `size`: the file's, for a percentage.
    static func onTerminal(fileSize size: Int?) -> ImportProgressLine? {
        isatty(STDERR_FILENO) == 1 ? ImportProgressLine(size: size) : nil
    }

    private init(size: Int?) { self.size = size }

    func show(_ progress: ImportProgress) {
        let isFrequent = if case .reading = progress { true } else { false }
        if isDue(frequent: isFrequent) { draw("importing: " + Self.text(progress, fileSize: size)) }
    }

    /// While a pipe is copied aside before the import begins.
    func showReceived(bytes: Int) {
        if isDue(frequent: true) { draw("importing: \(Self.megabytes(bytes)) MB received, waiting for the end of the input") }
    }

    /// Whether to draw now: a frequent update only if the line is 0.2 s old, any other at once.
    private func isDue(frequent: Bool) -> Bool {
        let now = ContinuousClock.now
        return lastDrawn.withLock { last in
            if frequent, let drawn = last, now - drawn < .milliseconds(200) { return false }
            last = now
            return true
        }
    }

    func erase() { draw("") }

    /// Short, so that the line never wraps: a carriage return only goes back to the last row.
    private static func text(_ progress: ImportProgress, fileSize size: Int?) -> String {
        switch progress {
        case .reading(let bytes):
            guard let size, size > 0 else { return "\(megabytes(bytes)) MB read" }
            return "\(min(100, bytes * 100 / size))% (\(megabytes(bytes)) of \(megabytes(size)) MB)"
        case .rescoring: return "rescoring the inventory under the policy given"
        case .buildingIndexes: return "all rows in; building the indexes"
        case .committing: return "writing to disk"
        }
    }

    /// Whole megabytes, with a tenth below ten.
    private static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes + 50_000) / 100_000
        return tenths < 100 ? "\(tenths / 10).\(tenths % 10)" : String((bytes + 500_000) / 1_000_000)
    }

    private func draw(_ text: String) {
        var sink = FileByteSink(descriptor: STDERR_FILENO, path: "standard error")
        try? sink.write(all: Array(("\r\u{1B}[K" + text).utf8))
    }
}
