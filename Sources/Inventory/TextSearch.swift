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

    /// The query for every system `text` matches, in row-number order (archived ones too where the
    /// trigram index answers; with their tiers where it does not), and the key its `TextMatches`
    /// are kept under.
    static func matchSet(for text: String) -> (key: String, sql: String, arguments: StatementArguments)? {
        guard !text.isEmpty else { return nil }
        if let phrase = phrase(for: text) {
            return (phrase, "SELECT rowid FROM system_text WHERE system_text MATCH ? ORDER BY rowid", [phrase])
        }
        // Every row is read, in the table's own order: walking an index instead reads each row's
        // page on its own (a million systems: 3.2 s against 0.7 s). Phrases are quoted, so this
        // key is never a phrase's.
        let (clause, arguments) = likeScan(text)
        return (text, "SELECT number, tier_rank FROM system NOT INDEXED WHERE archived_at IS NULL AND \(clause) ORDER BY number", arguments)
    }

    /// How a query tests rows against its text.
    enum MatchTest {
        /// Through the trigram index, or with LIKE where the text is too short for it.
        case searched
        /// Against the matches lent under this `TextMatchRegistry` token: SQLite then walks the
        /// order's index instead of driving the query by the matches.
        case lent(token: Int)
        /// Against these few row numbers, bound as one JSON array: SQLite reads just those rows.
        case listed([Int64])
    }

    static func clause(for text: String, test: MatchTest = .searched) -> (String, StatementArguments)? {
        guard !text.isEmpty else { return nil }
        switch test {
        case .lent(let token):
            return ("\(TextMatchRegistry.functionName)(?, number)", [token])
        case .listed(let numbers):
            return ("number IN (SELECT value FROM json_each(?))", ["[" + numbers.map(String.init).joined(separator: ",") + "]"])
        case .searched:
            guard let phrase = phrase(for: text) else { return likeScan(text) }
            return ("number IN (SELECT rowid FROM system_text WHERE system_text MATCH ?)", [phrase])
        }
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
