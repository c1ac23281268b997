import GRDB

/// The list's text filter: case-insensitive substring match over the searched columns.
///
/// The trigram index stores which rows hold each three-character sequence and nothing more
/// (FTS5 `detail=none`): a third of the build time and a fifth of the size of an index with
/// positions, which a million-row import cannot afford. A query asks it for the rows holding
/// every trigram of the text, then checks those candidates for the whole text: with ASCII text
/// by LIKE (SQLite's own, ASCII case-insensitive), otherwise by a function that folds case as the
/// trigram tokenizer does. Text of one or two characters has no trigram and is matched by a scan.
enum TextSearch {
    static let searchedColumns = ["id", "name", "vendor", "site", "clinical_use", "notes"]
    static let containsFunctionName = "radrisk_contains"

    static func clause(for text: String) -> (String, StatementArguments)? {
        let needle = Array(text.lowercased().unicodeScalars)
        guard !needle.isEmpty else { return nil }
        guard needle.count >= 3 else { return likeScan(text) }
        var trigrams: [String] = []
        for start in 0...(needle.count - 3) {
            let trigram = String(String.UnicodeScalarView(needle[start..<(start + 3)]))
            if !trigrams.contains(trigram) { trigrams.append(trigram) }
        }
        let match = trigrams.map { "\"" + $0.replacing("\"", with: "\"\"") + "\"" }.joined(separator: " AND ")
        let candidates = "number IN (SELECT rowid FROM system_text WHERE system_text MATCH ?)"
        // Three characters are one trigram: the index answers exactly.
        if needle.count == 3 { return (candidates, [match]) }
        if text.allSatisfy(\.isASCII) {
            let (scan, arguments) = likeScan(text)
            return ("\(candidates) AND \(scan)", [match] + arguments)
        }
        let columns = searchedColumns.joined(separator: ", ")
        return ("\(candidates) AND \(containsFunctionName)(?, \(columns))", [match, text.lowercased()])
    }

    private static func likeScan(_ text: String) -> (String, StatementArguments) {
        let pattern = "%" + text.replacing("\\", with: "\\\\").replacing("%", with: "\\%").replacing("_", with: "\\_") + "%"
        let sql = "(" + searchedColumns.map { "\($0) LIKE ? ESCAPE '\\'" }.joined(separator: " OR ") + ")"
        return (sql, StatementArguments(Array(repeating: pattern, count: searchedColumns.count)))
    }

    /// `radrisk_contains(needle, column...)`: whether any column, lower-cased, contains the
    /// (lower-cased) needle.
    static let containsFunction = DatabaseFunction(containsFunctionName, argumentCount: searchedColumns.count + 1, pure: true) { values in
        guard let needle = String.fromDatabaseValue(values[0]) else { return false }
        return values.dropFirst().contains { String.fromDatabaseValue($0)?.lowercased().contains(needle) ?? false }
    }
}
