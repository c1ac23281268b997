import Glibc

extension FileByteSource {
    /// A copy of `source` (a pipe, a terminal) in an unlinked temporary file in `directory`, to be
    /// read from its start with its size known. `path` names the source in errors.
    ///
    /// An import holds the inventory's write lock from its first row to its commit. Read straight
    /// from a pipe fed slowly (a download, a query, someone typing), it would keep every colleague's
    /// saves waiting for as long as the producer ran; copied first, they wait only for the import's
    /// own work. Knowing the size also lets the import decide at once whether to set its indexes
    /// aside, instead of guessing from the rows written so far.
    public static func spooling(
        _ source: inout some ByteSource, named path: String, into directory: String
    ) throws(FileAccessError) -> FileByteSource {
        let copyPlace = "\(directory) (where \(path) is copied before an import; TMPDIR chooses another directory)"
        var template = Array("\(directory)/radrisk-import-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw FileAccessError(.writing, path: copyPlace, reason: String(cString: strerror(errno))) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        // Unlinked at once: the copy is gone when the descriptor closes, however the process ends.
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        do throws(FileAccessError) {
            let size = try copy(&source, to: FileByteSink(descriptor: descriptor, path: copyPlace))
            guard lseek(descriptor, 0, SEEK_SET) == 0 else {
                throw FileAccessError(.reading, path: copyPlace, reason: String(cString: strerror(errno)))
            }
            return FileByteSource(descriptor: descriptor, path: path, size: size)
        } catch {
            close(descriptor)
            throw error
        }
    }

    /// Copies every byte of `source` to `sink`; returns how many there were.
    private static func copy(_ source: inout some ByteSource, to sink: FileByteSink) throws(FileAccessError) -> Int {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var size = 0
        while true {
            let count = try source.read(into: buffer)
            if count == 0 { return size }
            try sink.write(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            size += count
        }
    }
}
