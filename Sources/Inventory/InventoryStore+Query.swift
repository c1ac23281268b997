import GRDB
import InventoryFiles
import RiskModel

extension InventoryStore {
    /// Up to `limit` rows of the list, in the query's order, after `row` (or from the top).
    /// Keyset paging: any page costs the same, the millionth row as the first.
    public func page(_ query: InventoryQuery, after row: SystemSummary? = nil, limit: Int) throws(InventoryError) -> [SystemSummary] {
        try fetchPage(query, from: row, forward: true, limit: limit)
    }

    /// Up to `limit` rows just before `row` (or the last rows), returned in the query's order.
    public func page(_ query: InventoryQuery, before row: SystemSummary?, limit: Int) throws(InventoryError) -> [SystemSummary] {
        try fetchPage(query, from: row, forward: false, limit: limit).reversed()
    }

    /// How many systems the query matches.
    public func count(_ query: InventoryQuery) throws(InventoryError) -> Int {
        if let counts = try textMatches(query)?.tierCounts {
            return counts.reduce(0) { $0 + (query.tiers.isEmpty || query.tiers.contains($1.key) ? $1.value : 0) }
        }
        let filter = Self.filter(query)
        return try withDatabaseErrors {
            try writer.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM system \(filter.sql)", arguments: filter.arguments) ?? 0
            }
        }
    }

    /// How many rows come before `row` in the query's order: its index in the list; nil when `stop`
    /// said so first. The count may walk a million index entries (0.15 s), and a key already typed
    /// should not wait for it.
    public func index(of row: SystemSummary, in query: InventoryQuery, unless stop: () -> Bool = { false }) throws(InventoryError) -> Int? {
        func count(_ test: TextSearch.MatchTest) throws(InventoryError) -> Int? {
            // Walking the order's index up to the row reads no row: every order's index holds the
            // tier, and in score and tier order the tier index is the order's own.
            var filter = Self.filter(query, test: test, walkingOrder: true)
            filter.add(Self.keyset(query, row: row, forward: false))
            return try withDatabaseErrors {
                try writer.read { db in
                    try GivingWay.read(db, unless: stop) {
                        try Int.fetchOne(db, sql: "SELECT count(*) FROM system \(filter.sql)", arguments: filter.arguments) ?? 0
                    }
                }
            }
        }
        guard let matches = try textMatches(query) else { return try count(.searched) }
        return try testing(matches) { test throws(InventoryError) in try count(test) }
    }

    /// Systems per tier among those the query's text matches (the tier filter is not applied, so
    /// the header can show what each quick filter would give).
    public func tierCounts(matching text: String = "", archived: Bool = false) throws(InventoryError) -> [Tier: Int] {
        let query = InventoryQuery(text: text, archived: archived)
        if let counts = try textMatches(query)?.tierCounts { return counts }
        let filter = Self.filter(query)
        return try withDatabaseErrors {
            try writer.read { db in
                var counts: [Tier: Int] = [:]
                let rows = try Row.fetchCursor(db, sql: "SELECT tier_rank, count(*) FROM system \(filter.sql) GROUP BY tier_rank", arguments: filter.arguments)
                while let row = try rows.next() {
                    if let tier = Tier(rawValue: row[0]) { counts[tier] = row[1] }
                }
                return counts
            }
        }
    }

    /// Calls `body` with every system the query matches, in order, with its assessment: exports
    /// stream through here without holding the inventory in memory.
    public func forEachAssessed(_ query: InventoryQuery, _ body: (AssessedSystem) throws -> Void) throws {
        try writer.read { db in try forEachSystem(query, in: db) { try body(AssessedSystem(system: $0, policy: policy)) } }
    }

    func forEachSystem(_ query: InventoryQuery, in db: Database, _ body: (ImagingSystem) throws -> Void) throws {
        try forEachRow(query, in: db) { statement in try body(try SystemColumns.system(atCurrentRowOf: statement, path: path)) }
    }

    /// Like `forEachSystem`, but hands over the rows' cells undecoded, for another core to decode,
    /// `rowsPerBatch` at a time (the last batch may hold fewer).
    func forEachStoredBatch(_ query: InventoryQuery, in db: Database, rowsPerBatch: Int, _ body: (StoredRows) throws -> Void) throws {
        var batch = StoredRows(reservingRows: rowsPerBatch, bytes: rowsPerBatch * 1_024)
        try forEachRow(query, in: db) { statement in
            batch.append(currentRowOf: statement)
            if batch.count == rowsPerBatch {
                let size = batch.byteCount
                try body(batch)
                // Room for a batch like the last one, so that filling it seldom moves it.
                batch = StoredRows(reservingRows: rowsPerBatch, bytes: size + size / 8)
            }
        }
        if batch.count > 0 { try body(batch) }
    }

    /// Steps through the contract columns of every system the query matches, in order.
    private func forEachRow(_ query: InventoryQuery, in db: Database, _ body: (Statement) throws -> Void) throws {
        let filter = Self.filter(query)
        let order = Self.order(query, forward: true)
        let statement = try db.makeStatement(
            sql: "SELECT \(SystemColumns.contract.joined(separator: ", ")) FROM system \(filter.sql) ORDER BY \(order)")
        let rows = try Row.fetchCursor(statement, arguments: filter.arguments)
        while try rows.next() != nil { try body(statement) }
    }

    /// The list row of system `id` if the query's filters let it through.
    public func summary(id: SystemID, matching query: InventoryQuery) throws(InventoryError) -> SystemSummary? {
        var filter = Self.filter(query)
        filter.clauses.append("id = ?")
        filter.arguments += [id.rawValue]
        return try fetchSummaries(filter: filter, order: "id", limit: 1).first
    }

    private func fetchPage(_ query: InventoryQuery, from row: SystemSummary?, forward: Bool, limit: Int) throws(InventoryError) -> [SystemSummary] {
        func fetch(_ test: TextSearch.MatchTest) throws(InventoryError) -> [SystemSummary] {
            var filter = Self.filter(query, test: test, walkingOrder: true)
            if let row { filter.add(Self.keyset(query, row: row, forward: forward)) }
            return try fetchSummaries(filter: filter, order: Self.order(query, forward: forward), limit: limit)
        }
        guard let matches = try textMatches(query) else { return try fetch(.searched) }
        return try testing(matches) { test throws(InventoryError) in try fetch(test) }
    }

    private func fetchSummaries(filter: Filter, order: String, limit: Int) throws(InventoryError) -> [SystemSummary] {
        let sql = """
            SELECT id, name, vendor, modality, site, risk_score_tenths, tier_rank FROM system \(filter.sql)
            ORDER BY \(order) LIMIT \(max(0, limit))
            """
        return try withDatabaseErrors {
            try writer.read { db in
                try Row.fetchAll(db, sql: sql, arguments: filter.arguments).map { row in
                    SystemSummary(
                        id: SystemID(row[0] as String) ?? SystemID("invalid")!, name: row[1], vendor: row[2],
                        modality: row[3], site: row[4], scoreTenths: row[5], tier: Tier(rawValue: row[6]) ?? .critical)
                }
            }
        }
    }

    struct Filter {
        var clauses: [String] = []
        var arguments = StatementArguments()
        var sql: String { clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ") }
        mutating func add(_ other: (String, StatementArguments)) {
            clauses.append(other.0)
            arguments += other.1
        }
    }

    /// The query's filters as SQL. `walkingOrder`: for a page or a position, found by walking the
    /// order's index.
    static func filter(_ query: InventoryQuery, test: TextSearch.MatchTest = .searched, walkingOrder: Bool = false) -> Filter {
        var filter = Filter()
        filter.clauses.append(query.archived ? "archived_at IS NOT NULL" : "archived_at IS NULL")
        if !query.tiers.isEmpty {
            let ranks = query.tiers.map { String($0.rawValue) }.sorted().joined(separator: ", ")
            // In an order the tier index does not give, SQLite would rather read every row of the
            // tiers through it and sort them all for one page (a million systems, moderate tier,
            // by name: 1.3 s). `+` keeps the test off that index: the order's own index, which
            // holds the tier, is walked and each entry's tier tested, and a page is found within
            // a few thousand entries.
            filter.clauses.append("\(walkingOrder && query.sort.indexHoldsTier ? "+" : "")tier_rank IN (\(ranks))")
        }
        if let text = TextSearch.clause(for: String(query.text.trimmingSpaces), test: test) { filter.add(text) }
        return filter
    }

    /// `(a, b, id) > (?, ?, ?)`: the rows after (or before) `row` in the query's order.
    static func keyset(_ query: InventoryQuery, row: SystemSummary, forward: Bool) -> (String, StatementArguments) {
        let columns = query.sort.columns
        let after = forward != query.descending
        let values = query.sort.position(of: row)
        let sql = "(\(columns.joined(separator: ", "))) \(after ? ">" : "<") (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))"
        return (sql, StatementArguments(values))
    }

    static func order(_ query: InventoryQuery, forward: Bool) -> String {
        let direction = forward != query.descending ? "ASC" : "DESC"
        return query.sort.columns.map { "\($0) \(direction)" }.joined(separator: ", ")
    }
}
