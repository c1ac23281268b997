import Glibc
import InventoryFiles

/// Where every command's data and reports go. Written through `FileByteSink`, never `print`:
/// `print` goes through a stdio buffer whose failure (a full disk, a closed descriptor) is
/// silently lost, where a command must exit 74 and say why.
enum StandardOutput {
    static func writeLine(_ line: String) throws(FileAccessError) {
        try FileByteSink.standardOutput().writeLine(line)
    }

    /// Writes the summary of a change already saved. If it cannot be written, the message says the
    /// change stands: a script that took exit 74 alone for a refusal would make the change again.
    static func writeSummary(_ summary: String, of change: String) throws {
        do {
            try writeLine(summary)
        } catch {
            throw fail("\(change) (\(summary)), but its summary could not be written to standard output: \(error.reason)", ExitStatus.ioError)
        }
    }

    /// The file standard output was redirected to (`radrisk export > inventory.csv`), if it is a
    /// regular file: that export is recorded like one written with `--output`.
    static var regularFilePath: String? {
        var status = stat()
        guard fstat(STDOUT_FILENO, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/fd/\(STDOUT_FILENO)", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension FileByteSink {
    /// `line` and its line end, in one write.
    func writeLine(_ line: String) throws(FileAccessError) {
        var sink = self
        try sink.write(all: Array((line + "\n").utf8))
    }
}
