import Inventory
import InventoryFiles
import RiskModel
import TerminalUI

/// Adds or edits a system. Enumerated fields are chosen from their allowed values, never typed;
/// other fields are validated as they are typed, with the problem shown beside the field; the
/// score, tier and breakdown update live, so the effect of a change shows before it is saved.
final class EditView: DashboardView {
    enum Command: Hashable, Sendable { case next, previous, choose, save, restoreDraft, takeYours, cancel }

    static let keys = KeyTable<Command>([
        KeyBinding(.next, [.down, .tab], "Next field"),
        KeyBinding(.previous, [.up, .backTab], "Previous field"),
        KeyBinding(.choose, [.enter, .left, .right], "On a list field: Enter opens the choices, Left/Right step through them", hint: "Choose"),
        KeyBinding(.save, [.control("s"), .function(2)], "Save (one transaction)", hint: "Save"),
        KeyBinding(.restoreDraft, [.control("r")], "Restore the draft kept when your last edit was cut off"),
        KeyBinding(.takeYours, [.control("y")], "After reloading a colleague's save: take your value (shown beside) for this field"),
        KeyBinding(.cancel, [.escape], "Back; asks before discarding changes", hint: "Cancel"),
    ])

    var title: String { form.isNew ? "Add a system" : "Edit \(form.base.id)" }
    var helpLines: [HelpLine] {
        Self.keys.helpLines + [HelpLine(keys: "Left Right Home End Backspace Ctrl-U", text: "Edit the text of a text field")]
    }
    var hints: [HelpLine] { Self.keys.hints }
    var hasUnsavedChanges: Bool { form.hasChanges || !yours.isEmpty }
    /// The whole form, list fields too, so that the help key the status line shows does not change
    /// as the focus moves.
    var takesTypedText: Bool { true }

    private let context: DashboardContext
    private var stored: StoredSystem?
    private var form: EditForm
    /// After reloading a colleague's newer save: the values this officer had typed that differ
    /// from it, shown beside their fields until taken (Ctrl-Y) or saved over.
    private var yours: [Column: String] = [:]
    private var focus = 0
    private var editor: LineEditor
    private var picker: (column: Column, selection: Int)?
    private var scrollTop = 0

    /// The form on `stored`, or why it cannot be edited: a deleted system is saved only once
    /// restored, and finding that out at Ctrl-S would cost the officer the typing.
    static func opening(_ stored: StoredSystem, context: DashboardContext) -> Outcome {
        guard stored.archivedAt == nil else {
            return .message("\(stored.system.id) is deleted (in the archive): restore it with r in the archive (A) to edit it", isError: true)
        }
        return .push(EditView(context: context, editing: stored))
    }

    init(context: DashboardContext, editing stored: StoredSystem?) {
        self.context = context
        self.stored = stored
        form = EditForm(system: stored?.system, today: context.options.today)
        focus = stored == nil ? 0 : 1
        editor = LineEditor(form.text(EditForm.fields[focus]))
        draft = try? context.store.draft(systemID: draftKey)
    }

    /// A kept draft of this officer's, offered until restored, saved over or discarded.
    private var draft: Draft?
    private var draftKey: String { stored?.system.id.rawValue ?? "" }

    /// The message the dashboard shows when the form opens.
    var openingMessage: String? {
        draft.map { "A draft of your edit cut off at \($0.savedAt) is kept: Ctrl-R restores it" }
    }

    /// Keeps what is typed, when the dashboard is cut off with the form open: only the fields the
    /// officer changed, each with the saved text it was typed over. A value shown beside its field
    /// has no starting point: the officer had not yet chosen it over a colleague's, so it comes back
    /// beside again.
    func keepDraft() {
        guard hasUnsavedChanges else { return }
        var fields: [String: String] = [:]
        var startedFrom: [String: String] = [:]
        for (column, text) in form.editedTexts {
            fields[column.header] = text
            startedFrom[column.header] = form.startingText(column)
        }
        for (column, text) in yours {
            fields[column.header] = text
            startedFrom[column.header] = nil
        }
        try? context.store.saveDraft(systemID: draftKey, fields: fields, startedFrom: startedFrom)
    }

    private var focusedColumn: Column { EditForm.fields[focus] }

    func refreshAfterExternalChange() {}

    // MARK: Keys

    func handle(_ key: Key) -> Outcome {
        if picker != nil { return handlePicker(key) }
        let column = focusedColumn
        switch Self.keys.command(for: key) {
        case .next: moveFocus(by: 1)
        case .previous: moveFocus(by: -1)
        case .save: return save(overwriting: false)
        case .restoreDraft:
            guard let kept = draft else { return .message("No draft is kept for this system", isError: true) }
            let undecided = form.restore(kept.fields, startedFrom: kept.startedFrom)
            yours.merge(undecided) { _, fromDraft in fromDraft }
            editor = LineEditor(form.text(focusedColumn))
            draft = nil
            try? context.store.discardDraft(systemID: draftKey)
            guard !undecided.isEmpty else { return .message("Draft restored: review it and save with Ctrl-S", isError: false) }
            return .message("Draft restored: \(Count.of(undecided.count, "value")) of yours shown beside a value that may have been saved since; Ctrl-Y takes one", isError: false)
        case .takeYours:
            guard let text = yours.removeValue(forKey: column) else {
                return .message("This field has no value of yours beside it", isError: true)
            }
            form.set(column, text)
            editor = LineEditor(text)
            return .handled
        case .cancel:
            guard hasUnsavedChanges else { return .pop }
            return .ask(.confirm("Discard your changes to \(form.isNew ? "the new system" : form.base.id.rawValue)? (y/N)") { [weak self] in
                if let self { try? context.store.discardDraft(systemID: draftKey) }
                return .pop
            })
        case .choose:
            guard let choices = column.choices else { break }
            switch key {
            case .left: form.cycle(column, by: -1)
            case .right: form.cycle(column, by: 1)
            default: picker = (column, choices.firstIndex(of: Token.normalise(form.text(column))) ?? 0)
            }
            return .handled
        case nil: break
        }
        if column.choices == nil, form.isEditable(column), editor.apply(key) {
            form.set(column, editor.text)
        }
        return .handled
    }

    private func handlePicker(_ key: Key) -> Outcome {
        guard let (column, selection) = picker, let choices = column.choices else { return .handled }
        switch key {
        case .up, .character("k"): picker = (column, max(0, selection - 1))
        case .down, .character("j"): picker = (column, min(choices.count - 1, selection + 1))
        case .enter:
            form.set(column, choices[selection])
            picker = nil
        case .escape: picker = nil
        default: break
        }
        return .handled
    }

    private func moveFocus(by step: Int) {
        focus = (focus + step + EditForm.fields.count) % EditForm.fields.count
        editor = LineEditor(form.text(focusedColumn))
    }

    /// `leavingYours`: the officer has said to save without the values still shown beside.
    private func save(overwriting: Bool, leavingYours: Bool = false) -> Outcome {
        if !yours.isEmpty, !leavingYours {
            // Saving now would drop them without a word: after a reload they sit beside their
            // fields until taken, and an officer may not have noticed.
            let count = yours.count == 1 ? "1 value of yours is" : "\(yours.count) values of yours are"
            return .ask(.confirm("\(count) still beside its field, not taken (Ctrl-Y takes one). Save without? (y/N)") { [weak self] in
                self?.save(overwriting: overwriting, leavingYours: true) ?? .handled
            })
        }
        if let stored, !form.hasChanges {
            try? context.store.discardDraft(systemID: draftKey)
            yours = [:]
            return .popWithMessage("Nothing changed in \(stored.system.id): nothing saved")
        }
        let (system, errors) = form.validated
        guard errors.isEmpty else {
            if let first = EditForm.fields.firstIndex(where: { errors[$0] != nil }) {
                focus = first
                editor = LineEditor(form.text(focusedColumn))
            }
            return .message("Not saved: \(Count.of(errors.count, "field")) to fix", isError: true)
        }
        let store = context.store
        let before = stored.map { context.policy.assess($0.system.profile) }
        do {
            if let stored {
                try store.save(system, expectedVersion: overwriting ? nil : stored.version)
            } else {
                try store.add(system)
            }
        } catch InventoryError.conflict(_, _, let found, let by, let at) {
            let changed = stored.flatMap { old in (try? store.system(id: old.system.id)).flatMap { $0 }.map { FieldCodec.columns(differingBetween: old.system, and: $0.system) } }
            let what = changed.map { $0.isEmpty ? "" : ", changing " + $0.map(\.header).joined(separator: ", ") } ?? ""
            let prompt = "\(by) saved \(system.id) at \(at) (version \(found))\(what) after you opened it: r reload (yours stay beside), o overwrite, Esc keep editing"
            return .ask(.choice(prompt, keys: ["r", "o"]) { [weak self] answer in
                guard let self else { return .handled }
                return answer == "o" ? save(overwriting: true) : reload()
            })
        } catch InventoryError.archived(let id) {
            // The store's own words name the command line; here the archive is a key away.
            return .message("Not saved: \(id) was deleted and is in the archive (A), where r restores it", isError: true)
        } catch {
            return .message("Not saved: \(error)", isError: true)
        }
        try? store.discardDraft(systemID: draftKey)
        yours = [:]
        let after = context.policy.assess(system.profile)
        var message = "Saved \(system.id): score \(formatTenths(after.scoreTenths)) \(after.tier.label)"
        if let before { message = "Saved \(system.id): score \(formatTenths(before.scoreTenths)) -> \(formatTenths(after.scoreTenths)), \(before.tier.label) -> \(after.tier.label)" }
        return .popWithMessage(message)
    }

    /// Starts the form again from the newest saved version, keeping this officer's typed values
    /// that differ from it visible beside their fields.
    private func reload() -> Outcome {
        guard let id = stored?.system.id, let latest = (try? context.store.system(id: id)).flatMap({ $0 }) else {
            return .message("Could not read the newest version; your edit is still here", isError: true)
        }
        let typed = yours.merging(form.editedTexts) { _, typedNow in typedNow }
        form = EditForm(system: latest.system, today: context.options.today)
        stored = latest
        yours = typed.filter { form.text($0.key) != $0.value }
        editor = LineEditor(form.text(focusedColumn))
        return .message("Reloaded version \(latest.version) by \(latest.updatedBy): \(Count.of(yours.count, "value")) of yours shown beside; Ctrl-Y takes one", isError: false)
    }

    // MARK: Drawing

    func draw(on screen: any Screen, area: Rect) {
        let (system, errors) = form.validated
        screen.fillRow(area.row, role: .header)
        screen.put(" " + title, row: area.row, column: 0, role: .header, maxWidth: area.width)
        let panelWidth = area.width >= 100 ? 44 : 30
        let formWidth = area.width - panelWidth - 1
        let listTop = area.row + 2
        // The last rows explain the focused field's problem in full, wrapped: beside the field
        // there is room for a few words only.
        var explanation = TextDocument()
        if let error = errors[focusedColumn] {
            explanation.wrapped(error.description, indent: 1, width: area.width, role: .fieldError)
        } else if let mine = yours[focusedColumn] {
            // Beside the field it is cut to a few characters, and the officer decides on it.
            explanation.wrapped("Yours, before the reload (Ctrl-Y takes it): " + mine, indent: 1, width: area.width, role: .worse)
        }
        let explanationHeight = min(max(1, explanation.lines.count), area.height / 2)
        let visible = area.height - 2 - explanationHeight
        if focus < scrollTop { scrollTop = focus }
        if focus >= scrollTop + visible { scrollTop = focus - visible + 1 }
        let labelWidth = 22
        let valueColumn = labelWidth + 2
        let valueWidth = max(4, formWidth - valueColumn - 1)
        for (offset, column) in EditForm.fields.enumerated().dropFirst(scrollTop).prefix(visible) {
            let row = listTop + offset - scrollTop
            let focused = offset == focus
            if focused { screen.put(screen.glyphs.pointer, row: row, column: 0, role: .fieldFocus) }
            screen.put(TextWidth.pad(column.header, to: labelWidth), row: row, column: 1, role: focused ? .fieldFocus : .fieldLabel)
            if let error = errors[column] {
                let shortWidth = max(4, valueWidth - 14)
                drawField(column, focused: focused, on: screen, row: row, column: valueColumn, width: shortWidth)
                let problem = TextWidth.truncate(screen.glyphs.worse + " " + error.problem, to: valueWidth - shortWidth - 1, ellipsis: screen.glyphs.ellipsis)
                screen.put(problem, row: row, column: valueColumn + shortWidth + 1, role: .fieldError)
            } else if let mine = yours[column] {
                let shortWidth = max(4, min(valueWidth / 2, TextWidth.of(form.text(column)) + 1))
                drawField(column, focused: focused, on: screen, row: row, column: valueColumn, width: shortWidth)
                let beside = TextWidth.truncate("yours: " + mine, to: valueWidth - shortWidth - 1, ellipsis: screen.glyphs.ellipsis)
                screen.put(beside, row: row, column: valueColumn + shortWidth + 1, role: .worse)
            } else {
                drawField(column, focused: focused, on: screen, row: row, column: valueColumn, width: valueWidth)
            }
        }
        drawAssessment(of: system, on: screen, area: Rect(row: area.row + 2, column: formWidth + 1, width: panelWidth, height: area.height - 2))
        if !explanation.lines.isEmpty {
            // Over the bottom of the live score on a short screen: the problem is what to read now.
            let below = Rect(row: area.bottom - explanationHeight, column: 0, width: area.width, height: explanationHeight)
            for row in below.row..<below.bottom { screen.fillRow(row, role: .normal) }
            explanation.draw(on: screen, area: below, offset: 0)
        }
        if let (column, selection) = picker { drawPicker(column, selection: selection, on: screen, area: area) }
    }

    private func drawField(_ column: Column, focused: Bool, on screen: any Screen, row: Int, column x: Int, width: Int) {
        let text = form.text(column)
        if column.choices != nil {
            let marker = focused ? "< \(text) >" : text
            let shown = TextWidth.truncate(marker, to: width, ellipsis: screen.glyphs.ellipsis)
            screen.put(shown, row: row, column: x, role: focused ? .fieldFocus : .fieldValue)
        } else if focused, form.isEditable(column) {
            editor.draw(on: screen, row: row, column: x, width: width, role: .fieldFocus)
        } else {
            let shown = TextWidth.truncate(text, to: width, ellipsis: screen.glyphs.ellipsis)
            screen.put(shown, row: row, column: x, role: form.isEditable(column) ? .fieldValue : .dim)
        }
    }

    /// The live assessment of the values as typed.
    private func drawAssessment(of system: ImagingSystem, on screen: any Screen, area: Rect) {
        let assessment = context.policy.assess(system.profile)
        // Which rules raised the tier matters as much as the score: their names wrap inside the
        // box, which grows to hold them as far as the screen allows.
        var escalated = TextDocument()
        if !assessment.escalations.isEmpty {
            escalated.wrapped("Escalated: " + assessment.escalations.map(\.name).joined(separator: ", "), indent: 0, width: area.width - 3, role: .worse)
        }
        let height = min(area.height, max(18, assessment.contributions.count + 5 + escalated.lines.count))
        screen.drawBox(row: area.row, column: area.column, width: area.width, height: height, title: "Live score")
        var row = area.row + 1
        let inner = area.column + 2
        let end = screen.put("\(formatTenths(assessment.scoreTenths)) / 100 ", row: row, column: inner, role: .title)
        screen.put(" \(assessment.tier.label) ", row: row, column: end, role: assessment.tier.role)
        row += 1
        if let stored {
            let before = context.policy.assess(stored.system.profile)
            if before.scoreTenths != assessment.scoreTenths || before.tier != assessment.tier {
                let better = assessment.scoreTenths < before.scoreTenths
                let arrow = better ? screen.glyphs.better : screen.glyphs.worse
                let change = "\(arrow) was \(formatTenths(before.scoreTenths)) \(before.tier.label)"
                screen.put(change, row: row, column: inner, role: better ? .better : .worse, maxWidth: area.width - 3)
            }
        }
        let labelWidth = area.width >= 40 ? 20 : 14
        let barWidth = max(4, area.width - labelWidth - 10)
        for contribution in assessment.contributions where row < area.row + height - 2 {
            row += 1
            let label = TextWidth.truncate(contribution.factor.title, to: labelWidth, ellipsis: screen.glyphs.ellipsis)
            screen.put(label, row: row, column: inner, role: .fieldLabel)
            let bar = screen.glyphs.bar(fraction: Double(contribution.tenths) / Double(max(1, contribution.maximumTenths)), width: barWidth)
            var x = screen.put(bar.filled, row: row, column: inner + labelWidth + 1, role: .barFill)
            x = screen.put(bar.empty, row: row, column: x, role: .barEmpty)
            screen.put(TextWidth.pad(formatTenths(contribution.tenths), to: 5, alignRight: true), row: row, column: x + 1, role: .normal)
        }
        let below = Rect(row: row + 2, column: inner, width: area.width - 3, height: area.row + height - 1 - (row + 2))
        if below.height > 0 {
            escalated.cut(to: below.height, width: below.width, ellipsis: screen.glyphs.ellipsis)
            escalated.draw(on: screen, area: below, offset: 0)
        }
    }

    private func drawPicker(_ column: Column, selection: Int, on screen: any Screen, area: Rect) {
        guard let choices = column.choices else { return }
        let width = (choices.map(TextWidth.of).max() ?? 10) + 6
        let height = choices.count + 2
        let top = area.row + max(1, (area.height - height) / 2)
        let left = max(0, (area.width - width) / 2)
        for row in top..<(top + height) { screen.fill(row: row, column: left, width: width, role: .dialog) }
        screen.drawBox(row: top, column: left, width: width, height: height, title: column.header)
        for (index, choice) in choices.enumerated() {
            let role: StyleRole = index == selection ? .selection : .dialog
            screen.fill(row: top + 1 + index, column: left + 1, width: width - 2, role: role)
            screen.put((index == selection ? screen.glyphs.pointer + " " : "  ") + choice, row: top + 1 + index, column: left + 1, role: role)
        }
    }
}
