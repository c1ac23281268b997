import Glibc

/// A new regular file that is written to be flushed to disk at the end (an export's replacement,
/// made by `OutputFile`), past the page cache where the file system allows it.
///
/// Written through the page cache, a million-row export's 629 MB cost the kernel 0.6-0.8 s of
/// CPU (copying into cache pages, allocating and charging them, starting their writeback),
/// against 0.25 s for a pipe, on a box whose two cores the export already fills; its final
/// `fsync` still waited up to half a second. Written with `O_DIRECT`, the disk reads our buffer
/// itself: 0.3-0.4 s in all, and with the flushes on the way the final `fsync` takes 0.02 s.
/// Direct writes must start and end on block boundaries from a block-aligned buffer, so bytes
/// are gathered in such a buffer; the last, partial block is written through the cache. A file
/// system that refuses direct writes (tmpfs on older kernels, some network and copy-on-write
/// ones) gets plain writes, with writeback started every few megabytes so that `synchronise()`
/// has little left to wait for.
public final class DurableFileSink: ByteSink {
    /// The name errors give: the file the user named, not the temporary one being written.
    public let path: String
    private let descriptor: Int32
    private var direct: Bool
    /// Gathers bytes for whole, aligned writes.
    private let buffer: UnsafeMutableRawBufferPointer
    private var buffered = 0
    /// Bytes written so far, and where the last flush or started writeback ended.
    private var written = 0
    private var writebackStart = 0

    /// Writes to `descriptor`, a regular file opened for writing, which the sink now owns.
    /// `bypassingCache: false` writes as on a file system that refuses direct writes.
    init(descriptor: Int32, path: String, bypassingCache: Bool = true) {
        self.path = path
        self.descriptor = descriptor
        buffer = .allocate(byteCount: Self.bufferSize, alignment: Self.blockSize)
        direct = false
        // Switched on once open: a file system that refuses it says so here, where an open with
        // the flag would fail after creating the file.
        if bypassingCache { _ = setDirect(true) }
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileAccessError) {
        var offset = 0
        while offset < bytes.count {
            let count = min(bytes.count - offset, buffer.count - buffered)
            UnsafeMutableRawBufferPointer(rebasing: buffer[buffered..<(buffered + count)])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)]))
            buffered += count
            offset += count
            if buffered == buffer.count { try writeBuffer() }
        }
    }

    /// Writes what is left and flushes the file to stable storage, so that "written" means written.
    public func synchronise() throws(FileAccessError) {
        if direct && buffered > 0 {
            // The last block is partial: a direct write of it would need padding and a truncation.
            guard setDirect(false) else { throw failure() }
        }
        try writeBuffer()
        try flush(fsync)
    }

    /// `sync` (`fsync` or `fdatasync`) on the file; one that cannot be synchronised counts as done.
    private func flush(_ sync: (Int32) -> Int32) throws(FileAccessError) {
        guard sync(descriptor) == 0 || errno == EINVAL || errno == EROFS else { throw failure() }
    }

    private func writeBuffer() throws(FileAccessError) {
        var offset = 0
        while offset < buffered {
            let count = Glibc.write(descriptor, buffer.baseAddress! + offset, buffered - offset)
            if count < 0 {
                if errno == EINTR { continue }
                // A file system may accept the flag at open and refuse the write (a larger block
                // size, for one): nothing was written, so the same bytes go through the cache.
                if errno == EINVAL && direct && setDirect(false) { continue }
                throw failure()
            }
            offset += count
        }
        written += buffered
        buffered = 0
        if direct && written - writebackStart >= Self.directFlushStep {
            // The disk may hold direct writes in its own cache: flushed as they come, on this
            // thread, which has nothing else to do, they do not all wait for the final `fsync`.
            // A failure is reported once, so it is thrown here rather than left for that `fsync`.
            try flush(fdatasync)
            writebackStart = written
        } else if !direct && written - writebackStart >= Self.writebackStep {
            // Only a request: a failure shows in `synchronise()`, which waits for every byte.
            _ = posix_fadvise(descriptor, writebackStart, written - writebackStart, POSIX_FADV_DONTNEED)
            writebackStart = written
        }
    }

    /// Whether the switch took.
    private func setDirect(_ on: Bool) -> Bool {
        guard let flag = Self.directFlag else { return !on }
        let flags = fcntl(descriptor, F_GETFL)
        guard flags >= 0, fcntl(descriptor, F_SETFL, on ? flags | flag : flags & ~flag) == 0 else { return false }
        direct = on
        return true
    }

    private func failure() -> FileAccessError {
        FileAccessError(.writing, path: path, reason: String(cString: strerror(errno)))
    }

    /// Swift's Glibc module leaves out `O_DIRECT` (it is a GNU extension); the values are the
    /// kernel's (asm-generic/fcntl.h, and arm64's own). Elsewhere files are written through the cache.
    private static let directFlag: Int32? = {
        #if os(Linux) && arch(x86_64)
        return 0o40000
        #elseif os(Linux) && arch(arm64)
        return 0o200000
        #else
        return nil
        #endif
    }()

    /// Direct writes need block-aligned memory, offsets and lengths; 4 KiB is a multiple of every
    /// common disk's and file system's block.
    private static let blockSize = 4096
    /// One write per megabyte: the writing thread waits for each, while the formatting one fills the queue.
    private static let bufferSize = 1 << 20
    private static let writebackStep = 8 << 20
    private static let directFlushStep = 64 << 20
}
