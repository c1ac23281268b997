import GRDB

/// The list's text filter: case-insensitive substring match over the searched columns.
///
/// Every active system is tested, with `text_contains`, reading a narrow index that holds just the
/// searched cells and the tier (migration v9): one character is matched as three are, and the
/// matches are counted per tier in the same read.
enum TextSearch {
    static let searchedColumns = ["id", "name", "vendor", "site", "clinical_use", "notes"]

    /// The partial index on (number, tier_rank, the searched columns, archived_at) of active
    /// systems. SQLite's planner prefers reading the table, whose rows are twice as wide, so the
    /// scan names it.
    static let cellsIndex = "system_text_cells"

    /// From this many matches on, a page is found faster by walking the order's index.
    static let manyMatches = 5_000

    /// How to find every active system a text matches, in row-number order, with its tier. The
    /// SQL ends in `number BETWEEN ? AND ?`, to be bound after `arguments`, so that parts of the
    /// index can be read side by side.
    struct MatchSet {
        /// What the found `TextMatches` are kept under.
        let key: String
        let sql: String
        let arguments: StatementArguments
    }

    static func matchSet(for text: String) -> MatchSet? {
        guard !text.isEmpty else { return nil }
        // In row-number order: walking an index in another order reads each row's page on its
        // own (a million systems, matched with LIKE: 3.2 s against 0.7 s).
        let (clause, arguments) = scan(text)
        return MatchSet(
            key: text,
            sql: """
                SELECT number, tier_rank FROM system INDEXED BY \(cellsIndex)
                WHERE archived_at IS NULL AND \(clause) AND number BETWEEN ? AND ? ORDER BY number
                """,
            arguments: arguments)
    }

    /// How a query tests rows against its text.
    enum MatchTest {
        /// With `text_contains` in each row read: the archive's lists, which are short, are
        /// filtered so.
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
            return scan(text)
        }
    }

    /// Matched in every row read (see `TextContains`). The notes, the longest text, go first: a row
    /// whose notes hold the text is decided in one cell. At a million systems, medians of five,
    /// twice: /ne + Enter 307 and 307 -> 301 and 296 ms; /zq, which no row holds, 278 and 276 ->
    /// 283 and 279 ms.
    private static func scan(_ text: String) -> (String, StatementArguments) {
        let columns = ["notes"] + searchedColumns.filter { $0 != "notes" }
        return ("\(TextContains.name)(?, \(columns.joined(separator: ", ")))", [text])
    }
}
