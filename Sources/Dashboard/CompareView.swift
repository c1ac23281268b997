import Inventory
import RiskModel
import TerminalUI

/// Two to four systems side by side: factors as rows, systems as columns, each cell the level and
/// its contribution; the best and worst cell of each row marked with a symbol as well as a role,
/// so the comparison reads without colour.
final class CompareView: DashboardView {
    enum Command: Hashable, Sendable { case back }

    static let keys = KeyTable<Command>([
        KeyBinding(.back, [.char("q"), .escape], "Back to the inventory", hint: "Back"),
    ])

    let title = "Compare"
    var helpLines: [HelpLine] {
        Self.keys.helpLines + [HelpLine(keys: "▲ / +", text: "Lowest risk in the row"), HelpLine(keys: "▼ / -", text: "Highest risk in the row")]
    }
    var hints: [HelpLine] { Self.keys.hints }

    private let context: DashboardContext
    private let ids: [SystemID]

    init(context: DashboardContext, ids: [SystemID]) {
        self.context = context
        self.ids = ids
    }

    func handle(_ key: Key) -> Outcome {
        Self.keys.command(for: key) == .back ? .pop : .handled
    }

    func draw(on screen: any Screen, area: Rect) {
        let stored = ids.compactMap { try? context.store.system(id: $0) }
        let systems = stored.map(\.system)
        let assessments = systems.map { context.policy.assess($0.profile) }
        let labelWidth = 22
        let columnWidth = max(12, (area.width - labelWidth - 1) / max(1, systems.count))
        func x(_ index: Int) -> Int { labelWidth + 1 + index * columnWidth }
        let glyphs = screen.glyphs

        screen.fillRow(area.row, role: .header)
        screen.put(" Compare \(systems.count) systems", row: area.row, column: 0, role: .header)
        for (index, system) in systems.enumerated() {
            screen.put(system.id.rawValue, row: area.row + 1, column: x(index), role: .title, maxWidth: columnWidth - 1)
            screen.put(TextWidth.truncate(system.name, to: columnWidth - 1, ellipsis: glyphs.ellipsis), row: area.row + 2, column: x(index), role: .dim)
            // Someone may delete a system while it is compared here: it stays, said to be deleted
            // (the day is enough here; the detail view gives the time).
            if let archivedAt = stored[index].archivedAt {
                screen.put("deleted \(archivedAt.prefix(10))", row: area.row + 3, column: x(index), role: .worse, maxWidth: columnWidth - 1)
            }
        }
        var row = area.row + 4
        for factor in Factor.allCases {
            screen.put(factor.title, row: row, column: 1, role: .fieldLabel, maxWidth: labelWidth - 1)
            let values = assessments.map { $0.contributions[factor.rawValue].tenths }
            for (index, system) in systems.enumerated() {
                let (marker, role) = Self.mark(values[index], among: values, glyphs: glyphs)
                let figure = formatTenths(values[index])
                let levelWidth = columnWidth - figure.count - 5
                let level = TextWidth.truncate(system.profile.levelDescription(of: factor), to: max(1, levelWidth), ellipsis: glyphs.ellipsis)
                let end = screen.put(marker, row: row, column: x(index), role: role)
                screen.put(level, row: row, column: end + 1, role: role == .normal ? .fieldValue : role)
                screen.put(figure, row: row, column: x(index) + columnWidth - figure.count - 2, role: role)
            }
            row += 1
        }
        row += 1
        screen.put("Score", row: row, column: 1, role: .title)
        let scores = assessments.map(\.scoreTenths)
        for (index, assessment) in assessments.enumerated() {
            let (marker, role) = Self.mark(assessment.scoreTenths, among: scores, glyphs: glyphs)
            let end = screen.put(marker, row: row, column: x(index), role: role)
            screen.put(" \(formatTenths(assessment.scoreTenths)) / 100", row: row, column: end, role: role == .normal ? .title : role)
        }
        row += 1
        screen.put("Tier", row: row, column: 1, role: .title)
        for (index, assessment) in assessments.enumerated() {
            screen.put(" \(assessment.tier.label) ", row: row, column: x(index) + 1, role: assessment.tier.role)
        }
        row += 1
        screen.put("Escalations", row: row, column: 1, role: .fieldLabel)
        for (index, assessment) in assessments.enumerated() {
            let names = assessment.escalations.map(\.name).joined(separator: ", ")
            guard !names.isEmpty else {
                screen.put("none", row: row, column: x(index) + 2, role: .dim)
                continue
            }
            // Which rules raised the tier is the point of the row: the names wrap down the column.
            var document = TextDocument()
            document.wrapped(names, indent: 0, width: columnWidth - 3, role: .worse)
            let cell = Rect(row: row, column: x(index) + 2, width: columnWidth - 3, height: area.bottom - row)
            document.cut(to: cell.height, width: cell.width, ellipsis: glyphs.ellipsis)
            document.draw(on: screen, area: cell, offset: 0)
        }
    }

    /// ▲ for the lowest value of a row, ▼ for the highest, nothing when all are equal.
    static func mark(_ value: Int, among values: [Int], glyphs: Glyphs) -> (String, StyleRole) {
        guard let low = values.min(), let high = values.max(), low != high else { return (" ", .normal) }
        if value == low { return (glyphs.better, .better) }
        if value == high { return (glyphs.worse, .worse) }
        return (" ", .normal)
    }
}
