import Foundation
import Testing

/// `radrisk export --output` onto files that are not plain files, and its messages.
@Suite("radrisk export --output")
struct ExportOutputTests {
    let directory = RadRiskProcess.temporaryDirectory()
    var database: String { directory + "/inventory.sqlite" }

    func radrisk(_ arguments: [String], stdin: String? = nil) throws -> RadRiskProcess.Result {
        try RadRiskProcess.run(arguments + ["--db", database], stdin: stdin)
    }

    /// The kind of file `path` names itself (`S_IFREG`, `S_IFLNK`, ...).
    func kind(_ path: String) -> mode_t {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : 0
    }

    /// A stand-in for `device` in the test's directory: a node of the same device as root, whose
    /// replacement by a regular file must show here and never in /dev; a link to it otherwise.
    func standIn(for device: String) throws -> String {
        let path = directory + "/" + URL(fileURLWithPath: device).lastPathComponent
        var status = stat()
        try #require(stat(device, &status) == 0)
        if getuid() == 0 {
            try #require(mknod(path, S_IFCHR | 0o666, status.st_rdev) == 0)
        } else {
            try #require(symlink(device, path) == 0)
        }
        return path
    }

    @Test func aDeviceIsWrittenThroughAndAFullOneFailsWithItsOwnName() throws {
        _ = try radrisk(["import", RadRiskProcess.sample("inventory.csv")])
        let full = try standIn(for: "/dev/full")
        let failed = try radrisk(["export", "--output", full])
        #expect(failed.status == 74)
        #expect(failed.stderr.contains("radrisk: \(full): No space left on device"), "\(failed.stderr)")
        let null = try standIn(for: "/dev/null")
        #expect(try radrisk(["export", "--output", null]).status == 0)
        let kept = getuid() == 0 ? S_IFCHR : S_IFLNK
        #expect(kind(full) == kept && kind(null) == kept)
        #expect(try !FileManager.default.contentsOfDirectory(atPath: directory).contains { $0.contains(".partial") })
    }

    @Test func aFIFOGetsTheExportAndStaysAFIFO() throws {
        // Small enough for the pipe's buffer, so that a reader that never blocks can take it after.
        _ = try radrisk(["import", "-"], stdin: "id,name,vendor\ns1,One,V\ns2,Two,W\n")
        let fifo = directory + "/pipe"
        try #require(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }
        #expect(try radrisk(["export", "--output", fifo]).status == 0)
        var bytes = [UInt8](repeating: 0, count: 1 << 16)
        let count = read(reader, &bytes, bytes.count)
        #expect(String(decoding: bytes[..<max(count, 0)], as: UTF8.self) == (try radrisk(["export"]).stdout))
        #expect(kind(fifo) == S_IFIFO)
    }

    @Test func aDirectoryIsRefused() throws {
        _ = try radrisk(["import", RadRiskProcess.sample("inventory.csv")])
        let exports = directory + "/exports"
        try FileManager.default.createDirectory(atPath: exports, withIntermediateDirectories: false)
        let refused = try radrisk(["export", "--output", exports])
        #expect(refused.status == 74)
        #expect(refused.stderr.contains("radrisk: \(exports): is a directory"), "\(refused.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: exports).isEmpty)
    }

    @Test func failuresNameThePathGivenAndLeaveNoDebris() throws {
        let rows = (0..<1_000).map { "GEN-\($0),Generated \($0),Vendor \($0 % 17)\n" }.joined()
        _ = try radrisk(["import", "-"], stdin: "id,name,vendor\n" + rows)
        let missing = directory + "/missing/export.csv"
        let noDirectory = try radrisk(["export", "--output", missing])
        #expect(noDirectory.status == 74)
        #expect(noDirectory.stderr == "radrisk: \(missing): No such file or directory\n")

        // A write that fails part way: ulimit -f (bash counts 1024-byte blocks) stops every file
        // at 48 KiB, room for the database's own writes (see FaultTests) but not for the export.
        let output = directory + "/export.csv"
        let tooLarge = try RadRiskProcess.run(
            ["-c", "ulimit -f 48; exec \"$0\" export --db \"$1\" --output \"$2\"", RadRiskProcess.executable.path, database, output], shell: true)
        #expect(tooLarge.status == 74)
        #expect(tooLarge.stderr.contains("radrisk: \(output): File too large\n"), "\(tooLarge.stderr)")
        #expect(try !FileManager.default.contentsOfDirectory(atPath: directory).contains { $0.hasPrefix("export.csv") })
    }
}
