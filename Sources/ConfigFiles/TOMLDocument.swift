import TOMLKit

/// A parsed TOML data file (policy or theme) that can say where a key stands, so that every
/// complaint about its content names the file and the line as well as the syntax errors do.
public struct TOMLDocument {
    public let fileName: String
    public let root: TOMLTable
    private let lines: [Substring]

    public init(text: String, fileName: String) throws(ConfigFileError) {
        self.fileName = fileName
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigFileError(file: fileName, line: error.source.begin.line, message: "TOML syntax error: \(error.description)")
        } catch {
            throw ConfigFileError(file: fileName, line: nil, message: "cannot parse TOML: \(error)")
        }
    }

    /// The 1-based line where `key` is assigned inside `[table]` (or at the top level when
    /// `table` is empty), or where the table header stands when the key is not found. For an
    /// array of tables (`[[table]]`), `entry` says which of them: 0 for the first.
    /// TOMLKit keeps no positions for values, so this scans the text; good enough for messages.
    public func line(ofKey key: String?, inTable table: String, entry: Int = 0) -> Int? {
        var inside = table.isEmpty
        var headerLine: Int?
        var headersSeen = 0
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters
            if line.hasPrefix("[") {
                let name = line.drop(while: { $0 == "[" }).prefix(while: { $0 != "]" }).trimmingCharacters
                inside = false
                if name == table {
                    inside = headersSeen == entry
                    headersSeen += 1
                }
                if inside, headerLine == nil { headerLine = index + 1 }
                if inside, key == nil { return index + 1 }
                continue
            }
            guard inside, let key else { continue }
            let assigned = line.prefix(while: { $0 != "=" }).trimmingCharacters
            if assigned == key || assigned == "\"\(key)\"" { return index + 1 }
        }
        return headerLine
    }

    /// An error about the value at `key` of `[table]` (of its `entry`th `[[table]]`), located in the file.
    public func error(_ message: String, key: String? = nil, table: String = "", entry: Int = 0) -> ConfigFileError {
        ConfigFileError(file: fileName, line: line(ofKey: key, inTable: table, entry: entry), message: message)
    }
}

/// A data file that was refused: which file, which line, and why.
public struct ConfigFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

extension StringProtocol {
    fileprivate var trimmingCharacters: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
