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
        for entry in entries.reversed() {
            var who = entry.user
            if let sudo = entry.sudoUser { who += " (sudo by \(sudo))" }
            var header: [TextDocument.Span] = [.text("  \(entry.time)  ", .dim), .text(who, .fieldLabel), .text("  \(entry.action.rawValue)")]
            if let before = entry.scoreBefore, let after = entry.scoreAfter, before != after {
                let better = after < before
                header.append(.text("  score \(formatTenths(before)) \(better ? screen.glyphs.better : screen.glyphs.worse) \(formatTenths(after))", better ? .better : .worse))
            }
            document.append(header)
            if let field = entry.field {
                document.line(.text("    \(field): ", .fieldLabel), .text(entry.oldValue ?? ""), .text(" -> ", .dim), .text(entry.newValue ?? "", .fieldValue))
            } else {
                document.line(entry.newValue == nil ? "    record removed" : "    record written", .dim)
            }
        }
        scroller.fit(contentHeight: document.lines.count, pageHeight: area.height)
        screen.fillRow(area.row, role: .header)
        document.draw(on: screen, area: area, offset: scroller.offset)
    }
}
