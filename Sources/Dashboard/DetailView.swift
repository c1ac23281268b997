import Inventory
import InventoryFiles
import RiskModel
import TerminalUI

/// One system explained: score and tier, the per-factor breakdown with bars, escalations,
/// findings with what to do and what to ask the vendor, then every field.
final class DetailView: DashboardView {
    enum Command: Hashable, Sendable { case scroll, edit, history, back }

    static let keys = KeyTable<Command>([
        KeyBinding(.scroll, Scroller.keys, "Scroll: arrows, j k, PgUp PgDn, g G"),
        KeyBinding(.edit, [.char("e")], "Edit the system", hint: "Edit", changesInventory: true),
        KeyBinding(.history, [.char("h")], "The system's history: who changed what, when, and the score", hint: "History"),
        KeyBinding(.back, [.char("q"), .escape], "Back to the inventory", hint: "Back"),
    ])

    var title: String { "Detail" }
    var helpLines: [HelpLine] { context.offered(Self.keys).helpLines }
    var hints: [HelpLine] { context.offered(Self.keys).hints }

    private let context: DashboardContext
    private let id: SystemID
    private var stored: StoredSystem?
    private var scroller = Scroller()

    init(context: DashboardContext, id: SystemID) {
        self.context = context
        self.id = id
        becameVisible()
    }

    func becameVisible() {
        stored = try? context.store.system(id: id)
    }

    func handle(_ key: Key) -> Outcome {
        if scroller.handle(key) { return .handled }
        let command = Self.keys.command(for: key)
        if let command, let refusal = context.refusal(of: command, in: Self.keys) { return refusal }
        switch command {
        case .edit:
            guard let stored else { return .handled }
            return EditView.opening(stored, context: context)
        case .history: return .push(HistoryView(context: context, id: id))
        case .back: return .pop
        case .scroll, nil: return .handled
        }
    }

    func draw(on screen: any Screen, area: Rect) {
        guard let stored else {
            screen.put("System \(id) is no longer in the inventory.", row: area.row + 1, column: 2, role: .statusError)
            return
        }
        let document = Self.document(for: stored.system, stored: stored, policy: context.policy, width: area.width, glyphs: screen.glyphs)
        scroller.fit(contentHeight: document.lines.count, pageHeight: area.height)
        document.draw(on: screen, area: area, offset: scroller.offset, showingMore: true)
    }

    static func document(for system: ImagingSystem, stored: StoredSystem?, policy: Policy, width: Int, glyphs: Glyphs) -> TextDocument {
        let assessment = policy.assess(system.profile)
        var document = TextDocument()
        document.labelled(.text(" \(system.id)  ", .title), system.name, width: width, role: .title)
        var verdict: [TextDocument.Span] = [
            .text(" Score \(formatTenths(assessment.scoreTenths)) / 100  "), .text(" \(assessment.tier.label) ", assessment.tier.role),
        ]
        if assessment.tier != assessment.scoreTier {
            verdict.append(.text("  raised from \(assessment.scoreTier.token) by escalation", .dim))
        }
        document.append(verdict)
        document.labelled(.text(" Policy \(assessment.policyVersion)   ", .dim), RiskVector.format(system.profile), width: width, role: .dim)
        if let stored {
            document.line(" Version \(stored.version), updated \(stored.updatedAt) by \(stored.updatedBy)", .dim)
            if let archivedAt = stored.archivedAt {
                document.wrapped("Deleted \(archivedAt): it is in the archive (A in the list), where r restores it", indent: 1, width: width, role: .worse)
            }
        }
        for rule in assessment.escalations {
            document.blank()
            document.line(.text(" \(glyphs.worse) Escalation ", .worse), .text(rule.name, .title), .text(" raises the tier to \(rule.raiseTo.label)"))
            document.wrapped(rule.reason + " [" + rule.regulation + "]", indent: 4, width: width)
        }
        document.blank()
        appendBreakdown(assessment, profile: system.profile, width: width, glyphs: glyphs, to: &document)
        let findings = system.profile.findings
        document.blank()
        document.line(" FINDINGS (\(findings.count))", .title)
        for finding in findings {
            document.line(.text("  \(finding.code)", .worse), .text("  \(finding.factor.title)", .dim))
            document.wrapped(finding.explanation, indent: 4, width: width)
            document.wrapped("Do: " + finding.recommendation, indent: 4, width: width, role: .better)
            document.wrapped("Regulation: " + finding.regulation, indent: 4, width: width, role: .dim)
            if let question = finding.vendorQuestion {
                document.wrapped("Ask the vendor: " + question, indent: 4, width: width, role: .fieldLabel)
            }
        }
        document.blank()
        document.line(" FIELDS", .title)
        for column in Column.allCases where column != .notes {
            document.labelled(.text("  " + TextWidth.pad(column.header, to: 24), .fieldLabel), FieldCodec.text(of: column, in: system), width: width, role: .fieldValue)
        }
        if !system.notes.isEmpty {
            document.blank()
            document.line(" NOTES", .title)
            document.wrapped(system.notes, indent: 2, width: width)
        }
        return document
    }

    /// Factor rows: level, a bar of the contribution against the factor's maximum, the figures.
    private static func appendBreakdown(_ assessment: Assessment, profile: RiskProfile, width: Int, glyphs: Glyphs, to document: inout TextDocument) {
        let levelWidth = 30
        let barWidth = max(10, min(30, width - 2 - 22 - levelWidth - 16))
        document.line(" " + TextWidth.pad("FACTOR", to: 22) + " " + TextWidth.pad("LEVEL", to: levelWidth) + " " + TextWidth.pad("CONTRIBUTION", to: barWidth + 14), .title)
        for contribution in assessment.contributions {
            let factor = contribution.factor
            let level = TextWidth.truncate(profile.levelDescription(of: factor), to: levelWidth, ellipsis: glyphs.ellipsis)
            let fraction = Double(contribution.tenths) / Double(max(1, contribution.maximumTenths))
            let bar = glyphs.bar(fraction: fraction, width: barWidth)
            let figures = TextWidth.pad(formatTenths(contribution.tenths), to: 5, alignRight: true) + " / " + formatTenths(contribution.maximumTenths)
            document.line(
                .text(" " + TextWidth.pad(factor.title, to: 22) + " "),
                .text(TextWidth.pad(level, to: levelWidth) + " ", profile.isUnknown(factor) ? .worse : .fieldValue),
                .text(bar.filled, .barFill), .text(bar.empty, .barEmpty), .text(" " + figures))
        }
        document.line(" " + TextWidth.pad("Total", to: 22 + 1 + levelWidth + 1 + barWidth) + " " + TextWidth.pad(formatTenths(assessment.scoreTenths), to: 5, alignRight: true) + " / 100.0", .title)
    }
}
