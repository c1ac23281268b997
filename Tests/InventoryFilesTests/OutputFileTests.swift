import Glibc
import InventoryFiles
import Testing

@Suite("Output files")
struct OutputFileTests {
    let directory: String = {
        var template = Array("/tmp/radrisk-output-XXXXXX".utf8CString)
        return String(cString: mkdtemp(&template)!)
    }()

    func write(_ text: String, to path: String) throws {
        var file = try OutputFile(path: path)
        try file.write(all: Array(text.utf8))
        try file.commit()
    }

    func contents(of path: String) throws -> String {
        let source = try FileByteSource(path: path)
        var bytes = [UInt8](repeating: 0, count: 1 << 16)
        let count = try bytes.withUnsafeMutableBytes { try source.read(into: $0) }
        return String(decoding: bytes[..<count], as: UTF8.self)
    }

    func status(_ path: String) -> stat {
        var status = stat()
        lstat(path, &status)
        return status
    }

    func entries() -> [String] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The umask, read without setting it (other tests create files meanwhile).
    var umaskNow: mode_t {
        let line = (try? contents(of: "/proc/self/status"))?.split(separator: "\n").first { $0.hasPrefix("Umask:") }
        return line.flatMap { mode_t($0.dropFirst("Umask:".count).trimmingPrefix(while: \.isWhitespace), radix: 8) } ?? 0o022
    }

    @Test(arguments: [0o600, 0o640, 0o664, 0o444] as [mode_t])
    func aRegularFileIsReplacedWholeAndKeepsItsPermissions(permissions: mode_t) throws {
        let path = directory + "/export.csv"
        try write("old", to: path)
        chmod(path, permissions)
        let before = status(path)
        try write("new", to: path)
        #expect(try contents(of: path) == "new")
        #expect(status(path).st_ino != before.st_ino, "written in place, not replaced")
        #expect(status(path).st_mode & 0o7777 == permissions)
        #expect(entries() == ["export.csv"])
    }

    @Test(.enabled(if: OtherOwnership.available != nil, "needs root, or a group besides the primary one"))
    func aReplacementKeepsTheOwnerAndGroupThisUserMaySet() throws {
        let ownership = try #require(OtherOwnership.available)
        let path = directory + "/export.csv"
        try write("old", to: path)
        try #require(chown(path, ownership.owner, ownership.group) == 0)
        chmod(path, 0o640)
        try write("new", to: path)
        #expect(status(path).st_uid == ownership.owner)
        #expect(status(path).st_gid == ownership.group)
        #expect(status(path).st_mode & 0o7777 == 0o640)
    }

    @Test func aNewFileIsCreatedAsAnyToolWouldCreateIt() throws {
        let path = directory + "/export.csv"
        try write("new", to: path)
        #expect(status(path).st_mode & 0o7777 == 0o644 & ~umaskNow)
    }

    @Test func symbolicLinksAreFollowedAndStayLinks() throws {
        mkdir(directory + "/exports", 0o755)
        try write("old", to: directory + "/exports/target.csv")
        symlink("target.csv", directory + "/exports/latest.csv")
        symlink("exports/latest.csv", directory + "/link.csv")
        try write("new", to: directory + "/link.csv")
        #expect(status(directory + "/link.csv").st_mode & S_IFMT == S_IFLNK)
        #expect(status(directory + "/exports/latest.csv").st_mode & S_IFMT == S_IFLNK)
        #expect(try contents(of: directory + "/exports/target.csv") == "new")

        // A link to nothing gets its file, as a shell redirection would give it.
        symlink("later.csv", directory + "/dangling.csv")
        try write("created", to: directory + "/dangling.csv")
        #expect(status(directory + "/dangling.csv").st_mode & S_IFMT == S_IFLNK)
        #expect(try contents(of: directory + "/later.csv") == "created")
    }

    @Test func aDirectoryIsRefusedBeforeAnythingIsWritten() throws {
        let path = directory + "/exports"
        mkdir(path, 0o755)
        let error = #expect(throws: FileAccessError.self) { try OutputFile(path: path) }
        #expect(error?.path == path)
        #expect(error?.reason.contains("is a directory") == true)
        #expect(entries() == ["exports"])
    }

    @Test func aFIFOIsWrittenAsItIs() throws {
        let path = directory + "/pipe"
        try #require(mkfifo(path, 0o600) == 0)
        // A reader that never blocks: the writer's open finds it there, and a test that went
        // wrong reads nothing rather than waiting for ever.
        let reader = open(path, O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }
        try write("through the pipe", to: path)
        var bytes = [UInt8](repeating: 0, count: 256)
        let count = read(reader, &bytes, bytes.count)
        #expect(String(decoding: bytes[..<max(count, 0)], as: UTF8.self) == "through the pipe")
        #expect(status(path).st_mode & S_IFMT == S_IFIFO)
        #expect(entries() == ["pipe"])
    }

    /// A caller that cannot wait is told at once; with a reader there, the FIFO is written as before.
    @Test func aFIFOThatNothingReadsIsRefusedAtOnceWhenWaitingIsNotWanted() throws {
        let path = directory + "/pipe"
        try #require(mkfifo(path, 0o600) == 0)
        let error = #expect(throws: FileAccessError.self) { try OutputFile(path: path, unreadFIFO: .refuse) }
        #expect(error?.path == path)
        #expect(error?.reason.contains("nothing is reading") == true)
        let reader = open(path, O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }
        var file = try OutputFile(path: path, unreadFIFO: .refuse)
        try file.write(all: Array("read at last".utf8))
        try file.commit()
        var bytes = [UInt8](repeating: 0, count: 256)
        let count = read(reader, &bytes, bytes.count)
        #expect(String(decoding: bytes[..<max(count, 0)], as: UTF8.self) == "read at last")
    }

    @Test func errorsNameThePathGivenNotTheTemporaryFile() throws {
        let path = directory + "/missing/export.csv"
        let error = #expect(throws: FileAccessError.self) { try OutputFile(path: path) }
        #expect(error?.path == path)
    }
}

/// An owner and group other than this process's own that it may give a file: any as root, else
/// a supplementary group.
enum OtherOwnership {
    static let available: (owner: uid_t, group: gid_t)? = {
        if getuid() == 0 { return (1, 1) }
        var groups = [gid_t](repeating: 0, count: 256)
        let count = getgroups(Int32(groups.count), &groups)
        return groups.prefix(Int(max(count, 0))).first { $0 != getegid() }.map { (getuid(), $0) }
    }()
}
