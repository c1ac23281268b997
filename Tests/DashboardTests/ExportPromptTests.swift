import Dispatch
import Foundation
import Glibc
import Testing

@Suite("The dashboard's export prompt")
struct ExportPromptTests {
    let directory: String = {
        var template = Array("/tmp/radrisk-export-XXXXXX".utf8CString)
        return String(cString: mkdtemp(&template)!)
    }()

    /// Exports the critical tier (eight systems: a few kilobytes, which a pipe holds unread) to
    /// `path`, confirming the question an existing name asks.
    func exportCriticalTier(_ harness: Harness, to path: String) {
        harness.press(.character("x"), .control("u"))
        harness.type(path)
        harness.press(.enter)
        if harness.statusText.contains("Overwrite the existing") { harness.press(.character("y")) }
    }

    /// The dashboard must not hang until someone reads the FIFO: other officers' changes and keys
    /// would wait with it. Should it wait all the same, a reader comes after three seconds, so
    /// that the test ends, and fails.
    @Test func aFIFOThatNothingReadsIsReportedAtOnceInsteadOfHangingTheScreen() throws {
        let path = directory + "/pipe"
        try #require(mkfifo(path, 0o600) == 0)
        let harness = try Harness().press(.character("4"))
        let lateReader = DispatchWorkItem { _ = open(path, O_RDONLY | O_NONBLOCK) }
        DispatchQueue.global().asyncAfter(deadline: .now() + 3, execute: lateReader)
        defer { lateReader.cancel() }
        let started = Date()
        exportCriticalTier(harness, to: path)
        #expect(harness.statusText.contains("Export failed: \(path): is a FIFO that nothing is reading; start its reader first"))
        #expect(Date().timeIntervalSince(started) < 2)

        let reader = open(path, O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }
        // Written to as it is, a FIFO is not "overwritten": nothing is asked.
        harness.press(.character("x"), .control("u"))
        harness.type(path)
        harness.press(.enter)
        #expect(!harness.statusText.contains("Overwrite"))
        #expect(harness.statusText.contains("Exported 8 systems to \(path)"))
        var bytes = [UInt8](repeating: 0, count: 1 << 16)
        let count = read(reader, &bytes, bytes.count)
        #expect(String(decoding: bytes[..<max(count, 0)], as: UTF8.self).hasPrefix("id,name,vendor,"))
    }

    /// As in a shell: `~/name` is a file in the home directory, and the message says which.
    @Test func aLeadingTildeIsTheHomeDirectory() throws {
        let harness = try Harness(homeDirectory: directory + "/").press(.character("4"))
        exportCriticalTier(harness, to: "~/critical.csv")
        #expect(harness.statusText.contains("Exported 8 systems to \(directory)/critical.csv"))
        #expect(FileManager.default.fileExists(atPath: directory + "/critical.csv"))
        exportCriticalTier(harness, to: "~")
        #expect(harness.statusText.contains("Export failed: \(directory): is a directory"))
        // A file that is there already is asked about.
        harness.press(.character("x"), .control("u"))
        harness.type("~/critical.csv")
        harness.press(.enter)
        #expect(harness.statusText.contains("Overwrite the existing \(directory)/critical.csv? (y/N)"))
        harness.press(.character("n"))
        // Anywhere else it is part of a name.
        exportCriticalTier(harness, to: directory + "/~critical.csv")
        #expect(FileManager.default.fileExists(atPath: directory + "/~critical.csv"))
    }
}
