import GRDB

/// The list's text filter: case-insensitive substring match over the searched columns.
///
/// Three characters or more go to the trigram index as one quoted phrase: FTS5 finds the rows
/// holding the trigrams in sequence, exactly, without reading a row. Shorter text has no trigram
/// and is matched by a scan, as LIKE does.
enum TextSearch {
    static let searchedColumns = ["id", "name", "vendor", "site", "clinical_use", "notes"]

    /// See migration v6; SQLite's planner prefers the table's own row lookup, so queries name it.
    static let candidateIndex = "system_for_text_filter"
    static let candidateIndexColumns: Set<String> = ["number", "tier_rank", "risk_score_tenths", "id"]

    /// The `FROM` source for a query reading `columns` of the systems a text filter lets through.
    static func source(_ query: InventoryQuery, reading columns: [String]) -> String {
        let usesTrigrams = query.text.trimmingSpaces.unicodeScalars.count >= 3
        let covered = !query.archived && usesTrigrams && columns.allSatisfy(candidateIndexColumns.contains)
        return covered ? "system INDEXED BY \(candidateIndex)" : "system"
    }

    static func clause(for text: String) -> (String, StatementArguments)? {
        guard !text.isEmpty else { return nil }
        guard text.unicodeScalars.count >= 3 else { return likeScan(text) }
        let phrase = "\"" + text.replacing("\"", with: "\"\"") + "\""
        return ("number IN (SELECT rowid FROM system_text WHERE system_text MATCH ?)", [phrase])
    }

    private static func likeScan(_ text: String) -> (String, StatementArguments) {
        let pattern = "%" + text.replacing("\\", with: "\\\\").replacing("%", with: "\\%").replacing("_", with: "\\_") + "%"
        let sql = "(" + searchedColumns.map { "\($0) LIKE ? ESCAPE '\\'" }.joined(separator: " OR ") + ")"
        return (sql, StatementArguments(Array(repeating: pattern, count: searchedColumns.count)))
    }
}
