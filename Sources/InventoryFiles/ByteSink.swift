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

/// An open file descriptor (standard output or error, or a device or FIFO an export writes to)
/// written with `write(2)`, retrying short writes and EINTR. Regular files an export creates are
/// `DurableFileSink`s.
public final class FileByteSink: ByteSink {
    public let path: String
    private let descriptor: Int32
    private let closesDescriptor: Bool

    public static func standardOutput() -> FileByteSink { FileByteSink(descriptor: STDOUT_FILENO, path: "standard output") }

    /// `closing`: the sink owns `descriptor` and closes it when let go.
    public init(descriptor: Int32, path: String, closing: Bool = false) {
        self.descriptor = descriptor
        self.path = path
        closesDescriptor = closing
    }

    deinit {
        if closesDescriptor { close(descriptor) }
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
    }
}

/// Collects bytes in memory (tests, in-process round trips).
public final class MemoryByteSink: ByteSink {
    public private(set) var bytes: [UInt8]
    /// `bytes`: an empty buffer whose room is reused.
    public init(reusing bytes: [UInt8] = []) { self.bytes = bytes }
    public var text: String { String(decoding: bytes, as: UTF8.self) }
    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileAccessError) { self.bytes.append(contentsOf: bytes) }
}
