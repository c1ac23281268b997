import Inventory
import InventoryFiles
import RiskModel
import TerminalUI

/// One system's audit trail: who changed which field when, and how the score moved.
final class HistoryView: DashboardView {
    enum Command: Hashable, Sendable { case scroll, back }

    static let keys = KeyTable<Command>([
        KeyBinding(.scroll, Scroller.keys, "Scroll: arrows, j k, PgUp PgDn, g G"),
        KeyBinding(.back, [.char("q"), .escape], "Back to the detail", hint: "Back"),
    ])

    var title: String { "History of \(id)" }
    var helpLines: [HelpLine] { Self.keys.helpLines }
    var hints: [HelpLine] { Self.keys.hints }

    private let context: DashboardContext
    private let id: SystemID
    private var entries: [AuditEntry] = []
    private var scroller = Scroller()

    init(context: DashboardContext, id: SystemID) {
        self.context = context
        self.id = id
        becameVisible()
    }

    func becameVisible() {
        var loaded: [AuditEntry] = []
        try? context.store.forEachAuditEntry(AuditQuery(systemID: id.rawValue)) { loaded.append($0) }
        entries = loaded
    }

    func handle(_ key: Key) -> Outcome {
        if scroller.handle(key) { return .handled }
        return Self.keys.command(for: key) == .back ? .pop : .handled
    }

    func draw(on screen: any Screen, area: Rect) {
        var document = TextDocument()
        document.line(" History of \(id): \(Count.of(entries.count, "change"))", .header)
        document.blank()
        if entries.isEmpty { document.line("  No recorded changes.", .dim) }
        var previous: AuditEntry?
        for entry in entries.reversed() {
            // One heading a save: its score change belongs to all its fields together.
            if previous.map({ !entry.isSameSave(as: $0) }) ?? true { document.append(heading(of: entry, glyphs: screen.glyphs)) }
            previous = entry
            guard let field = entry.field else {
                document.line(entry.newValue == nil ? "    record removed" : "    record written", .dim)
                continue
            }
            let old = entry.oldValue ?? ""
            let new = entry.newValue ?? ""
            if TextWidth.of("    \(field): \(old) -> \(new)") <= area.width {
                document.line(.text("    \(field): ", .fieldLabel), .text(old), .text(" -> ", .dim), .text(new, .fieldValue))
            } else {
                // Too long for one line (notes, most often): each value whole, wrapped.
                document.line(.text("    \(field):", .fieldLabel))
                document.wrapped("was: " + old, indent: 11, width: area.width, firstIndent: 6)
                document.wrapped("now: " + new, indent: 11, width: area.width, role: .fieldValue, firstIndent: 6)
            }
        }
        scroller.fit(contentHeight: document.lines.count, pageHeight: area.height)
        screen.fillRow(area.row, role: .header)
        document.draw(on: screen, area: area, offset: scroller.offset, showingMore: true)
    }

    /// When, who, what, and how the save moved the score.
    private func heading(of entry: AuditEntry, glyphs: Glyphs) -> [TextDocument.Span] {
        var who = entry.user
        if let sudo = entry.sudoUser { who += " (sudo by \(sudo))" }
        var heading: [TextDocument.Span] = [.text("  \(entry.time)  ", .dim), .text(who, .fieldLabel), .text("  \(entry.action.rawValue)")]
        if let before = entry.scoreBefore, let after = entry.scoreAfter, before != after {
            let better = after < before
            heading.append(.text("  score \(formatTenths(before)) \(better ? glyphs.better : glyphs.worse) \(formatTenths(after))", better ? .better : .worse))
        }
        return heading
    }
}
