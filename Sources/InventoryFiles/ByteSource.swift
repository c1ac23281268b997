import Glibc

/// Where CSV bytes come from, a chunk at a time, so that a file of any size is read in bounded memory.
public protocol ByteSource {
    /// Fills `buffer` from its start and returns how many bytes were written; 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileAccessError) -> Int
    /// How many bytes there are in all, when that is known before reading (not for a pipe).
    var size: Int? { get }
}

extension ByteSource {
    public var size: Int? { nil }
}

/// A file that could not be read or written: which, and the system's reason.
public struct FileAccessError: Error, Sendable, CustomStringConvertible {
    public enum Access: Sendable { case reading, writing }

    public let access: Access
    public let path: String
    public let reason: String
    public var description: String { "\(Printable.controlsEscaped(path)): \(reason)" }

    public init(_ access: Access, path: String, reason: String) {
        self.access = access
        self.path = path
        self.reason = reason
    }
}

/// A file (or standard input) read with plain `read(2)`: no Foundation, no mapping, no surprises
/// with pipes. Immutable, so it may be read from another thread.
public final class FileByteSource: ByteSource, Sendable {
    public let path: String
    /// The size of a regular file when it was opened (what is left of it, for standard input);
    /// nil for pipes, terminals and devices.
    public let size: Int?
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// Where the source starts in its file: not 0 for standard input opened part-way through.
    private let startOffset: Int

    /// Opens `path` for reading; `-` means standard input.
    public init(path: String) throws(FileAccessError) {
        self.path = path
        if path == "-" {
            // Closed, descriptor 0 would go to the next file opened, such as an import's copy of
            // this input, which would then read itself back.
            guard fcntl(STDIN_FILENO, F_GETFD) >= 0 else {
                throw FileAccessError(.reading, path: path, reason: String(cString: strerror(errno)))
            }
            descriptor = STDIN_FILENO
            ownsDescriptor = false
            size = Self.bytesLeft(inRegularFile: STDIN_FILENO)
            startOffset = size == nil ? 0 : Int(lseek(STDIN_FILENO, 0, SEEK_CUR))
            return
        }
        let opened = open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else { throw FileAccessError(.reading, path: path, reason: String(cString: strerror(errno))) }
        var status = stat()
        if fstat(opened, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            close(opened)
            throw FileAccessError(.reading, path: path, reason: "is a directory")
        }
        descriptor = opened
        ownsDescriptor = true
        startOffset = 0
        size = (status.st_mode & S_IFMT) == S_IFREG ? Int(status.st_size) : nil
    }

    /// Takes over `descriptor`, positioned at its start, which holds `size` bytes.
    init(descriptor: Int32, path: String, size: Int) {
        self.descriptor = descriptor
        self.path = path
        self.size = size
        ownsDescriptor = true
        startOffset = 0
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// The bytes from the descriptor's position to its end, when it is a regular file
    /// (`radrisk import - < file.csv`); nil for a pipe, a terminal or a device.
    private static func bytesLeft(inRegularFile descriptor: Int32) -> Int? {
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        let position = lseek(descriptor, 0, SEEK_CUR)
        return position < 0 ? nil : max(0, Int(status.st_size) - Int(position))
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileAccessError) -> Int {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw FileAccessError(.reading, path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Reads from `offset` bytes into the source without moving its position, so that several
    /// threads may read a regular file's parts at once; 0 at the end.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(FileAccessError) -> Int {
        while true {
            let count = pread(descriptor, buffer.baseAddress, buffer.count, off_t(startOffset + offset))
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw FileAccessError(.reading, path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// The source's bytes from `offset` on, as a source of their own.
    public func bytes(from offset: Int) -> FileRange { FileRange(file: self, offset: offset) }

    /// Part of a `FileByteSource`, read with `pread` from where it starts to the end of the file.
    public struct FileRange: ByteSource, Sendable {
        let file: FileByteSource
        var offset: Int

        public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileAccessError) -> Int {
            let count = try file.read(into: buffer, at: offset)
            offset += count
            return count
        }
    }
}

/// Passes another source's bytes through and reports, after each read, how many it has given so far.
public struct ProgressReportingByteSource<Source: ByteSource & Sendable>: ByteSource, Sendable {
    private var source: Source
    private var bytesRead = 0
    private let report: @Sendable (_ bytesRead: Int) -> Void

    public init(_ source: Source, report: @escaping @Sendable (_ bytesRead: Int) -> Void) {
        self.source = source
        self.report = report
    }

    public var size: Int? { source.size }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileAccessError) -> Int {
        let count = try source.read(into: buffer)
        bytesRead += count
        report(bytesRead)
        return count
    }
}

/// Bytes already in memory (tests, small inputs).
public struct MemoryByteSource: ByteSource, Sendable {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public init(_ text: String) { bytes = Array(text.utf8) }

    public var size: Int? { bytes.count }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileAccessError) -> Int {
        let count = min(buffer.count, bytes.count - offset)
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}
