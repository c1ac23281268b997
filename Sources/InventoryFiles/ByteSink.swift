import Glibc

/// Where written bytes go.
public protocol ByteSink {
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws(FileAccessError)
}

extension ByteSink {
    /// Writes an array's bytes (`withUnsafeBytes` only rethrows untyped errors).
    public mutating func write(all bytes: [UInt8]) throws(FileAccessError) {
        var failure: FileAccessError?
        bytes.withUnsafeBytes { raw in
            do throws(FileAccessError) { try write(raw) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}

/// A file descriptor written with `write(2)`, retrying short writes and EINTR.
public final class FileByteSink: ByteSink {
    public let path: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// For a file that will be synchronised: bytes written whose writeback was not yet started.
    private var unflushed: (start: Int, count: Int)?

    public static func standardOutput() -> FileByteSink { FileByteSink(descriptor: STDOUT_FILENO, path: "standard output") }

    public init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
        ownsDescriptor = false
    }

    /// Creates or truncates `path`; `exclusive` refuses an existing file. With `toBeSynchronised`
    /// the kernel is asked to start writing each few megabytes to disk as they come, so that
    /// `synchronise()` has little left to wait for: a million-row export's final `fsync` went
    /// from 0.87 s to 0.01-0.48 s.
    public init(creating path: String, exclusive: Bool = false, mode: mode_t = 0o644, toBeSynchronised: Bool = false) throws(FileAccessError) {
        self.path = path
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (exclusive ? O_EXCL : O_TRUNC)
        let opened = open(path, flags, mode)
        guard opened >= 0 else { throw FileAccessError(.writing, path: path, reason: String(cString: strerror(errno))) }
        descriptor = opened
        ownsDescriptor = true
        if toBeSynchronised { unflushed = (0, 0) }
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileAccessError) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw FileAccessError(.writing, path: path, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
        startWriteback(after: bytes.count)
    }

    private func startWriteback(after count: Int) {
        guard var range = unflushed else { return }
        range.count += count
        if range.count >= Self.writebackStep {
            // Only a request: a failure shows in `synchronise()`, which waits for every byte.
            _ = posix_fadvise(descriptor, range.start, range.count, POSIX_FADV_DONTNEED)
            range = (range.start + range.count, 0)
        }
        unflushed = range
    }

    private static let writebackStep = 8 << 20

    /// Flushes to stable storage, so that "written" means written.
    public func synchronise() throws(FileAccessError) {
        guard fsync(descriptor) == 0 || errno == EINVAL || errno == EROFS else {
            throw FileAccessError(.writing, path: path, reason: String(cString: strerror(errno)))
        }
    }
}

/// Collects bytes in memory (tests, in-process round trips).
public final class MemoryByteSink: ByteSink {
    public private(set) var bytes: [UInt8] = []
    public init() {}
    public var text: String { String(decoding: bytes, as: UTF8.self) }
    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileAccessError) { self.bytes.append(contentsOf: bytes) }
}
