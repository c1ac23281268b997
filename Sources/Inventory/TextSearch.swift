import GRDB

/// The list's text filter: case-insensitive substring match over the searched columns.
///
/// Three characters or more go to the trigram index as one quoted phrase: FTS5 finds the rows
/// holding the trigrams in sequence, exactly, without reading a row. Shorter text has no trigram
/// and is matched in every row read, with the index's meaning, case folded alike (see `TextContains`).
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

    /// How to find every system a text matches, in row-number order.
    struct MatchSet {
        /// What the found `TextMatches` are kept under. Phrases are quoted, so a short text's key
        /// is never a phrase's.
        let key: String
        let sql: String
        let arguments: StatementArguments
        /// The text is too short for trigrams, so every row is read (archived ones left out) and
        /// its tier with it. The SQL then ends in `number BETWEEN ? AND ?`, to be bound after
        /// `arguments`, so that parts of the table can be read side by side.
        let readsEveryRow: Bool
    }

    static func matchSet(for text: String) -> MatchSet? {
        guard !text.isEmpty else { return nil }
        if let phrase = phrase(for: text) {
            return MatchSet(
                key: phrase, sql: "SELECT rowid FROM system_text WHERE system_text MATCH ? ORDER BY rowid",
                arguments: [phrase], readsEveryRow: false)
        }
        // In the table's own order: walking an index instead reads each row's page on its own
        // (a million systems, matched with LIKE: 3.2 s against 0.7 s).
        let (clause, arguments) = scan(text)
        return MatchSet(
            key: text,
            sql: """
                SELECT number, tier_rank FROM system NOT INDEXED
                WHERE archived_at IS NULL AND \(clause) AND number BETWEEN ? AND ? ORDER BY number
                """,
            arguments: arguments, readsEveryRow: true)
    }

    /// How a query tests rows against its text.
    enum MatchTest {
        /// Through the trigram index, or with `text_contains` in each row where the text is too
        /// short for it.
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
            guard let phrase = phrase(for: text) else { return scan(text) }
            return ("number IN (SELECT rowid FROM system_text WHERE system_text MATCH ?)", [phrase])
        }
    }

    /// The FTS5 phrase for text long enough to have trigrams.
    static func phrase(for text: String) -> String? {
        guard text.unicodeScalars.count >= 3 else { return nil }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    /// Matched in every row read, as the trigram index would (see `TextContains`). The notes, the longest
    /// text, go first: a row whose notes hold the text is decided in one cell. At a million
    /// systems, medians of five, twice: /ne + Enter 307 and 307 -> 301 and 296 ms; /zq, which
    /// no row holds, 278 and 276 -> 283 and 279 ms.
    private static func scan(_ text: String) -> (String, StatementArguments) {
        let columns = ["notes"] + searchedColumns.filter { $0 != "notes" }
        return ("\(TextContains.name)(?, \(columns.joined(separator: ", ")))", [text])
    }
}
