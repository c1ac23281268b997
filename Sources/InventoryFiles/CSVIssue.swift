/// One problem found in a CSV file, located as precisely as the problem allows.
public struct CSVIssue: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public let severity: Severity
    public let file: String
    public let line: Int?
    /// 1-based position of the column in the file's header.
    public let columnNumber: Int?
    public let columnName: String?
    public let message: String

    public init(
        _ severity: Severity, file: String, line: Int?, columnNumber: Int? = nil, columnName: String? = nil,
        message: String
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.columnNumber = columnNumber
        self.columnName = columnName
        self.message = message
    }

    /// `inventory.csv:12:10: error: data_locality 'cloud' is not allowed; allowed: ...`, the
    /// compiler-style form editors and terminals already know how to jump to.
    public var description: String {
        // A file's name may hold a newline, which would split the one line an editor jumps from.
        var place = Printable.controlsEscaped(file)
        if let line { place += ":\(line)" }
        if let columnNumber { place += ":\(columnNumber)" }
        return "\(place): \(severity.rawValue): \(message)"
    }
}

/// Every issue of a file, up to a limit, and how many there were in all. Errors are kept in
/// preference to warnings: a file with a thousand unknown columns must still show why it failed.
public struct CSVIssueLog: Sendable {
    public static let defaultLimit = 100

    /// At most `limit` issues, in the order they were recorded.
    public private(set) var kept: [CSVIssue] = []
    public private(set) var errorCount = 0
    public private(set) var warningCount = 0
    public private(set) var invalidRecordCount = 0
    public let limit: Int
    private var keptErrorCount = 0

    public init(limit: Int = CSVIssueLog.defaultLimit) { self.limit = limit }

    public var hasErrors: Bool { errorCount > 0 }
    public var omittedErrorCount: Int { errorCount - keptErrorCount }
    public var omittedWarningCount: Int { warningCount - (kept.count - keptErrorCount) }

    public mutating func record(_ issue: CSVIssue) {
        switch issue.severity {
        case .error:
            errorCount += 1
            guard keptErrorCount < limit else { return }
            // Full of issues but not of errors: the latest warning makes room.
            if kept.count == limit, let warning = kept.lastIndex(where: { $0.severity == .warning }) {
                kept.remove(at: warning)
            }
            kept.append(issue)
            keptErrorCount += 1
        case .warning:
            warningCount += 1
            if kept.count < limit { kept.append(issue) }
        }
    }

    public mutating func record(invalidRecord issues: [CSVIssue]) {
        invalidRecordCount += 1
        issues.forEach { record($0) }
    }

    /// The lines to print: every kept issue by line (issues found after reading, such as import
    /// conflicts, among the others), then how many of each severity were left out, and the totals.
    public var report: [String] {
        let byLine = kept.enumerated().sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }
        var lines = byLine.map(\.element.description)
        let omitted = [(omittedErrorCount, "error"), (omittedWarningCount, "warning")]
            .filter { $0.0 > 0 }
            .map { count, noun in "\(count) more \(noun)\(count == 1 ? "" : "s")" }
        if !omitted.isEmpty { lines.append("… and \(omitted.joined(separator: " and ")) not shown") }
        if errorCount > 0 {
            lines.append("\(Count.of(errorCount, "error")) in \(Count.of(invalidRecordCount, "record"))")
        }
        return lines
    }
}
