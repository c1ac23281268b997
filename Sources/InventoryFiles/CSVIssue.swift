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
        var place = file
        if let line { place += ":\(line)" }
        if let columnNumber { place += ":\(columnNumber)" }
        return "\(place): \(severity.rawValue): \(message)"
    }
}

/// Every issue of a file, up to a limit, and how many there were in all.
public struct CSVIssueLog: Sendable {
    public static let defaultLimit = 100

    public private(set) var kept: [CSVIssue] = []
    public private(set) var errorCount = 0
    public private(set) var warningCount = 0
    public private(set) var invalidRecordCount = 0
    public let limit: Int

    public init(limit: Int = CSVIssueLog.defaultLimit) { self.limit = limit }

    public var hasErrors: Bool { errorCount > 0 }
    public var omittedCount: Int { errorCount + warningCount - kept.count }

    public mutating func record(_ issue: CSVIssue) {
        switch issue.severity {
        case .error: errorCount += 1
        case .warning: warningCount += 1
        }
        if kept.count < limit { kept.append(issue) }
    }

    public mutating func record(invalidRecord issues: [CSVIssue]) {
        invalidRecordCount += 1
        issues.forEach { record($0) }
    }

    /// The lines to print: every kept issue, then how many more there were and the totals.
    public var report: [String] {
        var lines = kept.map(\.description)
        if omittedCount > 0 { lines.append("… and \(omittedCount) more issues not shown") }
        if errorCount > 0 {
            lines.append("\(errorCount) error\(errorCount == 1 ? "" : "s") in \(invalidRecordCount) record\(invalidRecordCount == 1 ? "" : "s")")
        }
        return lines
    }
}
