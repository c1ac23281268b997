import Glibc

/// A file named for output (`radrisk export --output`), written the way its kind allows.
///
/// A regular file, or a name not yet taken, is replaced atomically: the bytes go to a file beside
/// it, flushed to disk and renamed over it only once complete, so a reader sees the old contents
/// or all the new and a failure leaves no debris. The replacement keeps the old file's permission
/// bits, and its owner and group as far as this user may set them: rewriting a private (0600) or a
/// group's export must not open it to others. A new file gets 0644 less the umask, as `cp` or a
/// shell redirection would give it.
///
/// A symbolic link is followed, as `open` follows it: the file it ends at is replaced and the link
/// stays a link. A directory is refused before anything is written. Anything else (a character
/// device such as /dev/null, a FIFO, a socket, a block device) cannot be replaced without being
/// destroyed: renaming over it swaps the node for a regular file, and as root `--output /dev/full`
/// did exactly that. The user named that node to receive the bytes, so it is opened and written
/// as a shell redirection would write it, with no temporary file, direct I/O or flush to disk, none
/// of which such a file supports. Opening a FIFO waits for a reader, as a shell's does, unless the
/// caller cannot wait (see `UnreadFIFO`).
public final class OutputFile: ByteSink {
    /// What opening a FIFO that nothing is reading does.
    public enum UnreadFIFO: Sendable {
        /// Waits until something opens it to read, as a shell redirection does.
        case wait
        /// Fails at once, saying so: for a screen that must stay live (other officers' changes,
        /// keys) rather than hang until someone starts a reader.
        case refuse
    }

    /// The path as given: errors name it, never the temporary file.
    public let path: String
    private let destination: Destination

    private enum Destination {
        /// Written as `temporary`, beside `target`, then renamed over it.
        case replacement(DurableFileSink, temporary: String, target: String)
        case node(FileByteSink)
    }

    /// Creates the replacement of a regular file (or a new one), or opens any other kind of file.
    public init(path: String, unreadFIFO: UnreadFIFO = .wait) throws(FileAccessError) {
        self.path = path
        let target = try Self.followingLinks(path)
        var status = stat()
        guard stat(target, &status) == 0 else {
            // Missing, or out of reach: creating the replacement gives the reason if there is one.
            destination = try Self.replacement(of: target, existing: nil, reportedAs: path)
            return
        }
        switch status.st_mode & S_IFMT {
        case S_IFDIR:
            throw FileAccessError(.writing, path: path, reason: "is a directory; name a file to write")
        case S_IFREG:
            destination = try Self.replacement(of: target, existing: status, reportedAs: path)
        case S_IFIFO where unreadFIFO == .refuse:
            // Without a reader a non-blocking open fails with ENXIO instead of waiting for one.
            let descriptor = open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK)
            guard descriptor >= 0 else {
                guard errno == ENXIO else { throw Self.failure(path) }
                throw FileAccessError(.writing, path: path, reason: "is a FIFO that nothing is reading; start its reader first")
            }
            // Then written as a shell would: a full pipe makes a write wait for the reader, not fail.
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
            destination = .node(FileByteSink(descriptor: descriptor, path: path, closing: true))
        default:
            let descriptor = open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC)
            guard descriptor >= 0 else { throw Self.failure(path) }
            destination = .node(FileByteSink(descriptor: descriptor, path: path, closing: true))
        }
    }

    /// Whether the bytes replace a regular file, one that can be read back (and imported again).
    public var isRegularFile: Bool {
        if case .replacement = destination { return true }
        return false
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileAccessError) {
        switch destination {
        case .replacement(let sink, _, _): try sink.write(bytes)
        case .node(let sink): try sink.write(bytes)
        }
    }

    /// Puts what was written in place: the replacement is flushed to disk and renamed over the file.
    public func commit() throws(FileAccessError) {
        guard case .replacement(let sink, let temporary, let target) = destination else { return }
        try sink.synchronise()
        guard rename(temporary, target) == 0 else { throw Self.failure(path) }
    }

    /// Removes the replacement after a failure, leaving the file as it was.
    public func discard() {
        if case .replacement(_, let temporary, _) = destination { unlink(temporary) }
    }

    private static func replacement(of target: String, existing: stat?, reportedAs path: String) throws(FileAccessError) -> Destination {
        let temporary = target + ".partial-\(getpid())"
        // Readable by its owner alone until the owner, group and permissions are settled.
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, existing == nil ? 0o644 : 0o600)
        guard descriptor >= 0 else { throw failure(path) }
        if let existing { takeOwnershipAndPermissions(of: existing, descriptor: descriptor) }
        return .replacement(DurableFileSink(descriptor: descriptor, path: path), temporary: temporary, target: target)
    }

    /// Root may keep any owner and group, others only a group they belong to. A group not kept
    /// loses the group permissions, which were granted to that group, not to ours. Set-id and
    /// sticky bits mean nothing on a data file and are not carried over. Should the file system
    /// refuse `fchmod`, the replacement stays private: failing the export over it would help no one.
    private static func takeOwnershipAndPermissions(of existing: stat, descriptor: Int32) {
        var permissions = existing.st_mode & 0o777
        if fchown(descriptor, existing.st_uid, existing.st_gid) != 0, fchown(descriptor, uid_t.max, existing.st_gid) != 0 {
            permissions &= ~0o070
        }
        _ = fchmod(descriptor, permissions)
    }

    /// `path` with the symbolic links at its end followed. A link to nothing gives the name it
    /// points at, which is then created, as a shell redirection would create it.
    private static func followingLinks(_ path: String) throws(FileAccessError) -> String {
        var current = path
        // The kernel's own limit on links followed in one lookup.
        for _ in 0..<40 {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            // Not a link (or not there): opening it says the rest.
            guard length >= 0 else { return current }
            let link = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let directory = current.lastIndex(of: "/").map { String(current[...$0]) } ?? ""
            current = link.hasPrefix("/") ? link : directory + link
        }
        throw FileAccessError(.writing, path: path, reason: String(cString: strerror(ELOOP)))
    }

    private static func failure(_ path: String) -> FileAccessError {
        FileAccessError(.writing, path: path, reason: String(cString: strerror(errno)))
    }
}
