import Foundation
import Inventory
import InventoryFiles
import RiskModel
import TerminalUI

/// The home screen: one row per system, paged from the store, with tier counts, sorting,
/// filtering, marking for comparison and export.
final class InventoryListView: DashboardView {
    enum Command: Hashable, Sendable {
        case down, up, pageDown, pageUp, top, bottom
        case open, edit, add, delete
        case sortNext, sortReverse, filter, clearFilter, nextMatch, previousMatch, toggleTier, allTiers
        case mark, compare, export, archive, restore, quit
    }

    static let keys = KeyTable<Command>([
        KeyBinding(.down, [.down, .char("j")], "Move down"),
        KeyBinding(.up, [.up, .char("k")], "Move up"),
        KeyBinding(.pageDown, [.pageDown, .control("f")], "Next page"),
        KeyBinding(.pageUp, [.pageUp, .control("b")], "Previous page"),
        KeyBinding(.top, [.home, .char("g")], "First system"),
        KeyBinding(.bottom, [.end, .char("G")], "Last system"),
        KeyBinding(.open, [.enter], "Open the system's detail: score breakdown and findings", hint: "Detail"),
        KeyBinding(.filter, [.char("/")], "Filter by text in id, name, vendor, site, clinical use or notes", hint: "Filter"),
        KeyBinding(.clearFilter, [.escape], "Clear the text filter"),
        KeyBinding(.nextMatch, [.char("n")], "Next system matching the last filter text"),
        KeyBinding(.previousMatch, [.char("N")], "Previous system matching the last filter text"),
        KeyBinding(.toggleTier, [.char("1"), .char("2"), .char("3"), .char("4")], "Show or hide a tier: 1 low, 2 moderate, 3 high, 4 critical", hint: "Tier"),
        KeyBinding(.allTiers, [.char("0")], "Show every tier"),
        KeyBinding(.sortNext, [.char("s")], "Sort by the next column", hint: "Sort"),
        KeyBinding(.sortReverse, [.char("S")], "Reverse the sort order"),
        KeyBinding(.mark, [.char(" ")], "Mark or unmark the system for comparison", hint: "Mark"),
        KeyBinding(.compare, [.char("c")], "Compare the marked systems (2-4), or this one with the next", hint: "Compare"),
        KeyBinding(.edit, [.char("e")], "Edit the system", hint: "Edit", changesInventory: true),
        KeyBinding(.add, [.char("a")], "Add a system", changesInventory: true),
        KeyBinding(.delete, [.char("d")], "Delete (archive) the system, asking first; it keeps its history", changesInventory: true),
        KeyBinding(.archive, [.char("A")], "Show the archive of deleted systems, or back to the inventory"),
        KeyBinding(.restore, [.char("r")], "In the archive: restore the system to the inventory", changesInventory: true),
        KeyBinding(.export, [.char("x")], "Export the current view's assessment to a CSV file", hint: "Export"),
        KeyBinding(.quit, [.char("q")], "Quit", hint: "Quit"),
    ])

    let title = "Inventory"
    var helpLines: [HelpLine] { context.offered(Self.keys).helpLines }
    var hints: [HelpLine] { context.offered(Self.keys).hints }

    private let context: DashboardContext
    private let window: ListWindow
    private var marked: [SystemID] = []
    private var lastSearch = ""
    /// Shorter filter text is applied on Enter only: one or two characters match most of the
    /// inventory, and each filter reads every row (0.15-0.2 s at a million), so typing on should
    /// not wait for them.
    private static let liveFilterMinimum = 3
    /// Rows above the list: header, tier counts, filter line, column titles.
    private static let chromeHeight = 4

    init(context: DashboardContext) {
        self.context = context
        window = ListWindow(store: context.store, query: InventoryQuery(), visibleCount: 20)
    }

    func becameVisible() {
        window.recount()
        window.reload()
    }

    func finishDeferredWork(unless stop: () -> Bool) -> Bool { window.findPosition(unless: stop) }

    func refreshAfterExternalChange() {
        window.recount()
        window.setQuery(window.query, keeping: window.selected)
    }

    // MARK: Keys

    func handle(_ key: Key) -> Outcome {
        guard let command = Self.keys.command(for: key) else { return .handled }
        if let refusal = context.refusal(of: command, in: Self.keys) { return refusal }
        switch command {
        case .down: window.down()
        case .up: window.up()
        case .pageDown: window.pageDown()
        case .pageUp: window.pageUp()
        case .top: window.top()
        case .bottom: window.bottom()
        case .open:
            guard let row = window.selected else { return .handled }
            return .push(DetailView(context: context, id: row.id))
        case .edit:
            guard let row = window.selected, let stored = try? context.store.system(id: row.id) else { return .handled }
            return EditView.opening(stored, context: context)
        case .add:
            return .push(EditView(context: context, editing: nil))
        case .delete:
            return confirmDelete()
        case .sortNext:
            var query = window.query
            let all = SortKey.allCases
            query.sort = all[(all.firstIndex(of: query.sort)! + 1) % all.count]
            query.descending = query.sort == .score || query.sort == .tier
            window.setQuery(query, keeping: window.selected)
        case .sortReverse:
            var query = window.query
            query.descending.toggle()
            window.setQuery(query, keeping: window.selected)
        case .filter:
            return .ask(filterQuestion())
        case .clearFilter:
            guard !window.query.text.isEmpty else { return .handled }
            setText("")
        case .nextMatch: return jumpToMatch(forward: true)
        case .previousMatch: return jumpToMatch(forward: false)
        case .toggleTier:
            guard case .character(let digit) = key, let number = digit.wholeNumberValue, let tier = Tier(rawValue: number - 1) else {
                return .handled
            }
            var query = window.query
            if query.tiers.contains(tier) { query.tiers.remove(tier) } else { query.tiers.insert(tier) }
            // From the top: finding the old row's place in a filtered million-row list costs a count.
            window.setQuery(query, keeping: nil)
        case .allTiers:
            var query = window.query
            query.tiers = []
            window.setQuery(query, keeping: nil)
        case .mark:
            guard let row = window.selected else { return .handled }
            if let index = marked.firstIndex(of: row.id) { marked.remove(at: index) } else { marked.append(row.id) }
            window.down()
        case .compare: return compare()
        case .export: return .ask(exportQuestion())
        case .archive:
            var query = window.query
            query.archived.toggle()
            window.setQuery(query, keeping: nil)
            return .message(query.archived ? "The archive: deleted systems; r restores one, A goes back" : "The inventory", isError: false)
        case .restore:
            guard window.query.archived, let row = window.selected else {
                return .message("r restores from the archive: press A to see it", isError: true)
            }
            do {
                try context.store.restore(id: row.id)
            } catch {
                return .message("Not restored: \(error)", isError: true)
            }
            becameVisible()
            return .message("Restored \(row.id) to the inventory", isError: false)
        case .quit: return .quit
        }
        return .handled
    }

    private func setText(_ text: String) {
        var query = window.query
        query.text = text
        window.setQuery(query, keeping: window.selected)
    }

    private func filterQuestion() -> Question {
        let previous = window.query.text
        return .text("Filter /", initial: previous, onChange: { [weak self] text in
            if text.isEmpty || text.count >= Self.liveFilterMinimum { self?.setText(text) }
        }, onCancel: { [weak self] in
            self?.setText(previous)
            return .handled
        }, onAnswer: { [weak self] text in
            if self?.window.query.text != text { self?.setText(text) }
            if !text.isEmpty { self?.lastSearch = text }
            return .handled
        })
    }

    private func jumpToMatch(forward: Bool) -> Outcome {
        guard !lastSearch.isEmpty else { return .message("No filter text yet: press / to search", isError: true) }
        var search = window.query
        search.text = lastSearch
        let store = context.store
        let next = forward
            ? (try? store.page(search, after: window.selected, limit: 1))?.first
            : (try? store.page(search, before: window.selected, limit: 1))?.first
        let wrapped = next == nil
        let target = next ?? (forward ? (try? store.page(search, limit: 1))?.first : (try? store.page(search, before: nil, limit: 1))?.first)
        guard let target else { return .message("No system matches '\(lastSearch)'", isError: true) }
        window.select(target)
        return wrapped ? .message("Search wrapped around", isError: false) : .handled
    }

    private func confirmDelete() -> Outcome {
        guard let row = window.selected else { return .handled }
        // Deleting is archiving, and nothing leaves the archive but by a restore.
        guard !window.query.archived else {
            return .message("\(row.id) is deleted already: it is kept here, in the archive; r restores it", isError: true)
        }
        let prompt = "Delete \(row.id) '\(row.name)'? It moves to the archive (A). (y/N)"
        return .ask(.confirm(prompt) { [weak self] in
            guard let self else { return .handled }
            do {
                try context.store.delete(id: row.id)
            } catch {
                return .message("Not deleted: \(error)", isError: true)
            }
            marked.removeAll { $0 == row.id }
            becameVisible()
            return .message("Deleted \(row.id); it is in the archive (A, then r restores it)", isError: false)
        })
    }

    private func compare() -> Outcome {
        var ids = marked
        if ids.isEmpty, let current = window.selected {
            ids = [current.id]
            if let next = try? context.store.page(window.query, after: current, limit: 1).first { ids.append(next.id) }
        }
        guard (2...4).contains(ids.count) else {
            return .message("Mark 2 to 4 systems with Space to compare them (\(marked.count) marked)", isError: true)
        }
        return .push(CompareView(context: context, ids: ids))
    }

    private func exportQuestion() -> Question {
        .text("Export \(Count.of(window.total, "system")) to CSV file:", initial: "radrisk-assessment.csv") { [weak self] typed in
            guard let self, !typed.isEmpty else { return .handled }
            let path = TypedPath.expanded(typed, home: context.options.homeDirectory)
            // Only a file is overwritten: a FIFO or a device is written to as it is, and a
            // directory is refused, so asking about them would mislead.
            var status = stat()
            guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return export(to: path) }
            return .ask(.confirm("Overwrite the existing \(path)? (y/N)") { [weak self] in
                self?.export(to: path) ?? .handled
            })
        }
    }

    private func export(to path: String) -> Outcome {
        do {
            // A FIFO with no reader would hang the screen until one came.
            let position = try context.store.export(window.query, format: .csv, toFile: path, unreadFIFO: .refuse)
            guard context.isReadOnly else {
                return .message("Exported \(Count.of(window.total, "system")) to \(path)", isError: false)
            }
            // A read-only inventory cannot record the export, so importing the file again would not
            // be checked against changes saved since: the officer is given the entry to pass.
            return .message(
                "Exported \(Count.of(window.total, "system")) (read-only, not recorded: import with --base \(position.sequence)) to \(path)",
                isError: false)
        } catch {
            return .message("Export failed: \(error)", isError: true)
        }
    }

    // MARK: Drawing

    func draw(on screen: any Screen, area: Rect) {
        window.visibleCount = max(1, area.height - Self.chromeHeight)
        drawHeader(on: screen, area: area)
        let columns = ListColumns(width: area.width)
        drawColumnTitles(on: screen, row: area.row + 3, columns: columns)
        if window.total == 0 {
            drawEmptyState(on: screen, area: area)
            return
        }
        for (offset, row) in window.rows.enumerated() {
            drawRow(row, on: screen, row: area.row + Self.chromeHeight + offset, columns: columns, selected: offset == window.cursor)
        }
    }

    private func drawHeader(on screen: any Screen, area: Rect) {
        let width = area.width
        screen.fillRow(area.row, role: .header)
        var column = screen.put(window.query.archived ? " RadRisk ARCHIVE " : " RadRisk ", row: area.row, column: 0, role: .header)
        column = screen.put(context.options.inventoryName, row: area.row, column: column, role: .header, maxWidth: width / 2)
        let tierCounts = window.tierCounts
        let total = tierCounts.values.reduce(0, +)
        let summary = Count.of(total, "system") + " "
        screen.put(summary, row: area.row, column: width - TextWidth.of(summary), role: .header)

        var position = 1
        for tier in Tier.allCases {
            position = screen.put(tier.label, row: area.row + 1, column: position, role: tier.role)
            position = screen.put(" \(tierCounts[tier, default: 0])  ", row: area.row + 1, column: position, role: .headerCount)
        }
        let barWidth = max(0, width - position - 2)
        drawDistribution(on: screen, row: area.row + 1, column: position, width: barWidth, total: total)

        var status = "Sort: \(window.query.sort.rawValue) \(window.query.descending ? screen.glyphs.sortDescending : screen.glyphs.sortAscending)"
        if !window.query.tiers.isEmpty {
            status += "   Tiers: " + Tier.allCases.filter(window.query.tiers.contains).map(\.token).joined(separator: ",")
        }
        if !window.query.text.isEmpty { status += "   Filter: /\(window.query.text)" }
        if !marked.isEmpty { status += "   Marked: \(marked.count)" }
        screen.put(" " + status, row: area.row + 2, column: 0, role: .dim, maxWidth: width - 22)
        if window.total > 0 {
            let index = window.isPositionKnown ? String(window.selectedIndex + 1) : screen.glyphs.ellipsis
            let position = "\(index) of \(window.total) "
            screen.put(position, row: area.row + 2, column: width - TextWidth.of(position), role: .dim)
        }
    }

    /// One segment per tier, as wide as its share, so the proportions read at a glance. Each
    /// starts with the tier's letter: without colour (a monochrome theme, `NO_COLOR`) or to a
    /// reader who cannot tell the hues apart, full blocks alone would be one unbroken bar.
    private func drawDistribution(on screen: any Screen, row: Int, column: Int, width: Int, total: Int) {
        guard width > 0, total > 0 else { return }
        var start = column
        var cumulative = 0
        for tier in Tier.allCases {
            cumulative += window.tierCounts[tier, default: 0]
            let end = column + Int((Double(cumulative) / Double(total) * Double(width)).rounded())
            if end > start {
                screen.put(tier.letter, row: row, column: start, role: tier.role)
                screen.fill(row: row, column: start + 1, width: end - start - 1, role: tier.role, character: Character(screen.glyphs.barFull))
            }
            start = max(start, end)
        }
    }

    private func drawColumnTitles(on screen: any Screen, row: Int, columns: ListColumns) {
        screen.fillRow(row, role: .title)
        let arrow = window.query.descending ? screen.glyphs.sortDescending : screen.glyphs.sortAscending
        for (key, title, column, width) in columns.titles {
            let text = key == window.query.sort ? title + arrow : title
            screen.put(text, row: row, column: column, role: .title, maxWidth: width)
        }
    }

    private func drawRow(_ row: SystemSummary, on screen: any Screen, row line: Int, columns: ListColumns, selected: Bool) {
        let isMarked = marked.contains(row.id)
        let role: StyleRole = selected ? (isMarked ? .markedSelection : .selection) : (isMarked ? .marked : .normal)
        screen.fill(row: line, column: 0, width: screen.size.width, role: role)
        screen.put(selected ? screen.glyphs.pointer : " ", row: line, column: 0, role: role)
        if isMarked { screen.put(screen.glyphs.marked, row: line, column: 1, role: role) }
        // The filter searches every cell shown here but the modality.
        let cells = [(row.id.rawValue, true), (row.name, true), (row.vendor, true), (row.modality, false), (row.site, true)]
        let filter = String(window.query.text.trimmingSpaces)
        for ((text, searched), (column, width)) in zip(cells, columns.textCells) {
            let shown = TextWidth.truncate(text, to: width, ellipsis: screen.glyphs.ellipsis)
            screen.put(shown, row: line, column: column, role: role)
            guard searched else { continue }
            for hit in FilterHits.hits(of: filter, in: shown) {
                screen.put(hit.text, row: line, column: column + hit.column, role: .searchMatch)
            }
        }
        let score = formatTenths(row.scoreTenths)
        screen.put(score, row: line, column: columns.score + 5 - score.count, role: role)
        screen.put(row.tier.label, row: line, column: columns.tier, role: row.tier.role)
    }

    private func drawEmptyState(on screen: any Screen, area: Rect) {
        let lines: [String]
        let unfiltered = window.query.text.isEmpty && window.query.tiers.isEmpty
        if window.query.archived, unfiltered {
            lines = ["The archive is empty: no deleted system waits here to be restored.", "", "A goes back to the inventory."]
        } else if unfiltered {
            lines = [
                "The inventory is empty.",
                "",
                "Import an inventory CSV from a shell:",
                "  radrisk import inventory.csv --db \(context.store.path)",
                "or press a to add a system here.",
                "",
                "radrisk demo opens a copy of the sample inventory.",
            ]
        } else {
            lines = ["No system matches the filter.", "", "Esc clears the text filter, 0 shows every tier."]
        }
        for (offset, line) in lines.enumerated() {
            screen.put(line, row: area.row + Self.chromeHeight + 1 + offset, column: 4, role: offset == 0 ? .title : .normal)
        }
    }
}

/// Where the list's columns go at a given width: fixed columns for id, modality, score and tier;
/// name, vendor and site share the rest.
struct ListColumns {
    let textCells: [(column: Int, width: Int)]
    let score: Int
    let tier: Int
    let titles: [(SortKey, String, Int, Int)]

    init(width: Int) {
        let idWidth = 16
        let modalityWidth = 8
        let flexible = max(15, width - (2 + idWidth + modalityWidth + 6 + 8 + 7))
        let nameWidth = flexible * 4 / 10
        let vendorWidth = flexible * 3 / 10
        let siteWidth = flexible - nameWidth - vendorWidth
        var column = 2
        var cells: [(Int, Int)] = []
        for cellWidth in [idWidth, nameWidth, vendorWidth, modalityWidth, siteWidth] {
            cells.append((column, cellWidth))
            column += cellWidth + 1
        }
        textCells = cells
        score = column
        tier = column + 7
        titles = [
            (.id, "ID", cells[0].0, idWidth), (.name, "NAME", cells[1].0, nameWidth), (.vendor, "VENDOR", cells[2].0, vendorWidth),
            (.modality, "MODALITY", cells[3].0, modalityWidth), (.site, "SITE", cells[4].0, siteWidth),
            (.score, "SCORE", score, 6), (.tier, "TIER", tier, 9),
        ]
    }
}
