import InventoryFiles
import Testing

@Suite("Issue log")
struct CSVIssueLogTests {
    func warning(line: Int) -> CSVIssue { CSVIssue(.warning, file: "f.csv", line: line, message: "w\(line)") }
    func error(line: Int) -> CSVIssue { CSVIssue(.error, file: "f.csv", line: line, message: "e\(line)") }

    @Test func errorsTakeThePlaceOfWarningsAndAreShownByLine() {
        var log = CSVIssueLog(limit: 3)
        (1...4).forEach { log.record(warning(line: $0)) }
        log.record(invalidRecord: [error(line: 9)])
        log.record(invalidRecord: [error(line: 5)])
        #expect(log.report == [
            "f.csv:1: warning: w1",
            "f.csv:5: error: e5",
            "f.csv:9: error: e9",
            "… and 3 more warnings not shown",
            "2 errors in 2 records",
        ])
    }

    @Test func errorsOverTheLimitAreCountedApartFromWarnings() {
        var log = CSVIssueLog(limit: 2)
        log.record(warning(line: 1))
        (2...4).forEach { log.record(invalidRecord: [error(line: $0)]) }
        log.record(warning(line: 5))
        #expect(log.report == [
            "f.csv:2: error: e2",
            "f.csv:3: error: e3",
            "… and 1 more error and 2 more warnings not shown",
            "3 errors in 3 records",
        ])
    }
}
