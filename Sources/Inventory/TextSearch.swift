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
        let usesTrigrams = phrase(for: String(query.text.trimmingSpaces)) != nil
        let covered = !query.archived && usesTrigrams && columns.allSatisfy(candidateIndexColumns.contains)
        return covered ? "system INDEXED BY \(candidateIndex)" : "system"
    }

    /// From this many matches on, a page is found faster by walking the order's index.
    static let manyMatches = 5_000

    /// With `lentMatches` (a `TextMatchRegistry` token), each row is tested against that set, so
    /// that SQLite walks the order's index instead of driving the query by the matches.
    static func clause(for text: String, lentMatches: Int? = nil) -> (String, StatementArguments)? {
        guard !text.isEmpty else { return nil }
        guard let phrase = phrase(for: text) else { return likeScan(text) }
        if let lentMatches { return ("\(TextMatchRegistry.functionName)(?, number)", [lentMatches]) }
        return ("number IN (SELECT rowid FROM system_text WHERE system_text MATCH ?)", [phrase])
    }

    /// The FTS5 phrase for text long enough to have trigrams.
    static func phrase(for text: String) -> String? {
        guard text.unicodeScalars.count >= 3 else { return nil }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    private static func likeScan(_ text: String) -> (String, StatementArguments) {
        let pattern = "%" + text.replacing("\\", with: "\\\\").replacing("%", with: "\\%").replacing("_", with: "\\_") + "%"
        let sql = "(" + searchedColumns.map { "\($0) LIKE ? ESCAPE '\\'" }.joined(separator: " OR ") + ")"
        return (sql, StatementArguments(Array(repeating: pattern, count: searchedColumns.count)))
    }
}
