import Inventory
import RiskModel

/// The rows of the inventory list that are on screen, paged from the store by keyset: moving,
/// paging and jumping each cost one or two indexed queries, however long the inventory is.
final class ListWindow {
    private let store: InventoryStore
    private(set) var query: InventoryQuery
    /// The row just above the first visible row; nil when the window starts at the top.
    private var anchor: SystemSummary?
    private(set) var rows: [SystemSummary] = []
    /// Index of the selected row within `rows`.
    private(set) var cursor = 0
    /// Position of `rows[0]` in the whole list (relative to an unknown start while
    /// `isPositionKnown` is false).
    private(set) var topIndex = 0
    /// Finding where a row stands after a jump means counting the rows before it, which takes
    /// a tenth of a second in a million: the rows are shown first and the count follows.
    private(set) var isPositionKnown = true
    /// Systems per tier among those the text filter lets through.
    private(set) var tierCounts: [Tier: Int] = [:]
    /// How many systems the whole query matches.
    var total: Int {
        let tiers = query.tiers.isEmpty ? Set(Tier.allCases) : query.tiers
        return tiers.reduce(0) { $0 + tierCounts[$1, default: 0] }
    }
    /// Set on every draw from the terminal's height; a change keeps the selected system selected.
    var visibleCount: Int {
        didSet { if visibleCount != oldValue { keepSelectionInView() } }
    }

    init(store: InventoryStore, query: InventoryQuery, visibleCount: Int) {
        self.store = store
        self.query = query
        self.visibleCount = max(1, visibleCount)
        recount()
        reload()
    }

    var selected: SystemSummary? { rows.indices.contains(cursor) ? rows[cursor] : nil }
    var selectedIndex: Int { topIndex + cursor }

    /// Re-reads the visible rows (others may have changed the inventory).
    func reload() {
        rows = (try? store.page(query, after: anchor, limit: visibleCount)) ?? []
        if rows.isEmpty, total > 0, anchor != nil {
            bottom()
            return
        }
        fillPage()
        cursor = min(cursor, max(0, rows.count - 1))
    }

    /// Near the end of the list the rows after the anchor may not fill the window: it starts
    /// earlier then, keeping the selected row selected, rather than show empty rows while others
    /// are hidden above. One query, of at most a page.
    private func fillPage() {
        let missing = visibleCount - rows.count
        guard missing > 0, anchor != nil, let first = rows.first else { return }
        let earlier = (try? store.page(query, before: first, limit: missing + 1)) ?? []
        // The extra row, when there is one, is the new anchor: the one just above the window.
        let pulled = earlier.count > missing ? Array(earlier.dropFirst()) : earlier
        anchor = earlier.count > missing ? earlier.first : nil
        rows = pulled + rows
        cursor += pulled.count
        topIndex -= pulled.count
        if anchor == nil {
            topIndex = 0
            isPositionKnown = true
        }
    }

    /// After the window's height changed: the same rows from the same top, scrolled down just far
    /// enough that the selected row is still on screen. Clamping the cursor instead would select
    /// another system, and the next e, d or Enter would act on one the officer never chose.
    private func keepSelectionInView() {
        let hiddenBelow = cursor - (visibleCount - 1)
        if hiddenBelow > 0 {
            anchor = rows[hiddenBelow - 1]
            topIndex += hiddenBelow
            cursor -= hiddenBelow
        }
        reload()
    }

    /// One grouped count gives both the header's tier counts and the list's total.
    func recount() {
        tierCounts = (try? store.tierCounts(matching: query.text, archived: query.archived)) ?? [:]
    }

    func down() {
        if cursor + 1 < rows.count {
            cursor += 1
        } else if rows.count == visibleCount, let first = rows.first {
            let next = (try? store.page(query, after: rows.last, limit: 1)) ?? []
            guard !next.isEmpty else { return }
            anchor = first
            topIndex += 1
            reload()
            cursor = rows.count - 1
        }
    }

    func up() {
        if cursor > 0 {
            cursor -= 1
            return
        }
        guard let first = rows.first, let previous = try? store.page(query, before: first, limit: 1).first else { return }
        anchor = try? store.page(query, before: previous, limit: 1).first
        topIndex -= 1
        reload()
        cursor = 0
    }

    func pageDown() {
        guard rows.count == visibleCount, let last = rows.last,
              let next = try? store.page(query, after: last, limit: visibleCount), !next.isEmpty else {
            cursor = max(0, rows.count - 1)
            return
        }
        anchor = last
        topIndex += rows.count
        reload()
        cursor = min(cursor, rows.count - 1)
    }

    func pageUp() {
        guard let first = rows.first, let previous = try? store.page(query, before: first, limit: visibleCount), !previous.isEmpty else {
            cursor = 0
            return
        }
        anchor = try? store.page(query, before: previous[0], limit: 1).first
        topIndex -= previous.count
        reload()
    }

    func top() {
        anchor = nil
        topIndex = 0
        isPositionKnown = true
        cursor = 0
        reload()
    }

    func bottom() {
        let last = (try? store.page(query, before: nil, limit: visibleCount)) ?? []
        anchor = last.first.flatMap { try? store.page(query, before: $0, limit: 1).first }
        topIndex = max(0, total - last.count)
        isPositionKnown = true
        rows = last
        cursor = max(0, rows.count - 1)
    }

    /// Changes the query and keeps `keeping` selected, at the same screen row, if it still matches.
    func setQuery(_ newQuery: InventoryQuery, keeping row: SystemSummary?) {
        let textChanged = newQuery.text != query.text || newQuery.archived != query.archived
        query = newQuery
        // Tier counts ignore the tier filter and the order: only new text changes them.
        if textChanged { recount() }
        // New text starts from the top: its best matches first, and no count of where the old
        // row now stands among a million candidates.
        if !textChanged, let row, let refreshed = try? store.summary(id: row.id, matching: query) {
            select(refreshed, atScreenRow: cursor)
        } else if !textChanged, row != nil {
            // The row is gone (deleted, or changed out of the query elsewhere): the window keeps
            // its place and the row that took it is selected, as after a delete here. Rows above
            // may have gone too, so where the window stands is counted again.
            reload()
            if anchor != nil { isPositionKnown = false }
        } else {
            top()
        }
    }

    /// Shows `row` at screen row `screenRow` (or as near as the list allows) and selects it.
    func select(_ row: SystemSummary, atScreenRow screenRow: Int? = nil) {
        let wanted = min(screenRow ?? cursor, visibleCount - 1)
        let above = (try? store.page(query, before: row, limit: wanted)) ?? []
        // The row before the first one shown; none when `row` itself is shown first (wanted 0).
        anchor = try? store.page(query, before: above.first ?? row, limit: 1).first
        topIndex = 0
        isPositionKnown = anchor == nil
        reload()
        cursor = rows.firstIndex { $0.id == row.id } ?? 0
    }

    /// Counts where the window stands, if a jump left that for later; true when it did. Left for
    /// later still when `stop` says so part-way.
    func findPosition(unless stop: () -> Bool) -> Bool {
        guard !isPositionKnown else { return false }
        if let first = rows.first {
            let counted: Int?
            do { counted = try store.index(of: first, in: query, unless: stop) } catch { counted = 0 }
            guard let counted else { return false }
            topIndex = counted
        }
        isPositionKnown = true
        return true
    }
}
