import Foundation
import Inventory
import InventoryFiles
import RiskModel
import TerminalUI

/// The dashboard: a stack of views over one inventory, a status line, and the loop that feeds
/// them keys. It owns no terminal: `run` takes any screen and input, so tests drive it in memory.
public final class DashboardApp {
    public struct Options: Sendable {
        /// Shown in the header: usually the database's file name.
        public var inventoryName: String
        public var today: CalendarDate
        public var minimumSize = Size(width: 80, height: 24)
        /// Shown in the status line when the dashboard opens (e.g. a theme that fell back).
        public var startupMessage: String?
        /// How many idle input timeouts (100 ms each) pass between checks for changes made by
        /// other processes.
        public var idleTicksBetweenRefreshChecks = 10
        /// Where a `~` typed at the start of a path points.
        public var homeDirectory = FileManager.default.homeDirectoryForCurrentUser.path

        public init(inventoryName: String, today: CalendarDate) {
            self.inventoryName = inventoryName
            self.today = today
        }
    }

    /// Why `run` returned.
    public enum Exit: Equatable, Sendable {
        case quit, endOfInput, interrupted
    }

    let context: DashboardContext
    private var stack: [any DashboardView] = []
    private var question: (Question, LineEditor)?
    private var message: (text: String, isError: Bool)?
    private var idleTicks = 0
    private var lastChangeCounter: Int?
    private var lastAuditSequence: Int?

    public init(store: InventoryStore, options: Options) {
        context = DashboardContext(store: store, options: options)
        stack = [InventoryListView(context: context)]
        message = options.startupMessage.map { ($0, true) }
    }

    /// Draws, then handles events until the user quits, the input ends (a dropped SSH link) or
    /// `interrupted` says a signal arrived. Waits at most 100 ms for a key, so signals are noticed.
    public func run(screen: any Screen, input: any InputSource, interrupted: () -> Bool = { false }) -> Exit {
        draw(on: screen)
        if lastChangeCounter == nil {
            lastChangeCounter = try? context.store.externalChangeCounter()
            lastAuditSequence = try? context.store.auditPosition().sequence
        }
        while true {
            switch input.next(timeoutMilliseconds: 100) {
            case .endOfInput:
                return .endOfInput
            case .timeout:
                if interrupted() { return .interrupted }
                if refreshIfChangedElsewhere() {
                    drawThenFinish(on: screen, input: input)
                } else if finishDeferredWork(input: input) {
                    draw(on: screen)
                }
            case .key(let key):
                if handle(key, screenSize: screen.size) { return .quit }
                drawThenFinish(on: screen, input: input)
            }
        }
    }

    /// Shows the result at once, then what the top view left for later (and shows it again).
    private func drawThenFinish(on screen: any Screen, input: any InputSource) {
        draw(on: screen)
        if finishDeferredWork(input: input) { draw(on: screen) }
    }

    /// What the top view left for later, unless a key is waiting: that key comes first.
    private func finishDeferredWork(input: any InputSource) -> Bool {
        stack.last?.finishDeferredWork(unless: { input.hasInputWaiting }) == true
    }

    /// Keeps every open form's unsaved input as a draft: call when the dashboard was cut off
    /// (input ended, or a hang-up), not on an ordinary quit.
    public func keepDrafts() {
        for case let edit as EditView in stack { edit.keepDraft() }
    }

    /// Every few idle ticks, asks SQLite whether another process committed; if so, the views
    /// re-read what they show (keeping the selected system) and the status line says so.
    private func refreshIfChangedElsewhere() -> Bool {
        idleTicks += 1
        guard idleTicks >= context.options.idleTicksBetweenRefreshChecks else { return false }
        idleTicks = 0
        guard let counter = try? context.store.externalChangeCounter(), counter != lastChangeCounter else { return false }
        lastChangeCounter = counter
        stack.forEach { $0.refreshAfterExternalChange() }
        guard question == nil else { return true }
        // Rescored under another policy, the list shows that policy's scores while the details
        // would be this one's, and the store refuses every change: the officer must know why.
        if let other = try? context.store.rescoredElsewhere() {
            message = (
                "Another process rescored the inventory under policy \(Printable.quoted(other)): the list shows its scores, "
                    + "and no change is saved under this dashboard's \(Printable.quoted(context.policy.version)). Quit (q) and open it again",
                true)
        } else if let changes = describeChangesSinceLastRefresh() {
            // Newer than a notice on the status line, such as this officer's own "Saved", which it
            // replaces: a colleague's change to the system just saved must not pass unseen. An
            // error stays until a key is pressed, with the change after it.
            if let shown = message, shown.isError {
                message = ("\(shown.text). Meanwhile: \(changes)", true)
            } else {
                message = (changes, false)
            }
        }
        return true
    }

    /// "Changed by alice: NHP-CT-011 encryption_in_transit, retention_days", from the audit trail:
    /// the entries since the last refresh but this dashboard's own saves, which it has shown. Nil
    /// when there are none: a commit that changed no system (an export recorded, a draft kept)
    /// changed nothing on screen either.
    private func describeChangesSinceLastRefresh() -> String? {
        var entries: [AuditEntry] = []
        try? context.store.forEachAuditEntry(AuditQuery(afterSequence: lastAuditSequence ?? 0)) { entry in
            lastAuditSequence = entry.sequence
            if !context.store.wroteAuditEntry(entry.sequence) { entries.append(entry) }
        }
        guard !entries.isEmpty else { return nil }
        let who = "Changed by \(Self.distinct(entries.map(\.user)).joined(separator: ", ")): "
        let changesPolicy = entries.contains(where: \.changesPolicy)
        entries.removeAll(where: \.changesPolicy)
        let systems = Self.distinct(entries.map(\.systemID))
        if changesPolicy {
            let rescoring = "the scoring policy, rescoring every system"
            return who + (systems.isEmpty ? rescoring : "\(rescoring); \(Count.of(systems.count, "system"))")
        }
        guard systems.count == 1 else { return who + Count.of(systems.count, "system") }
        let fields = Self.distinct(entries.compactMap(\.field))
        let what = fields.isEmpty ? entries[0].action.rawValue : fields.joined(separator: ", ")
        return who + "\(systems[0]) \(what)"
    }

    /// `values` without repeats, each where it first came.
    private static func distinct(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }

    /// Handles one key; true when the dashboard should quit.
    func handle(_ key: Key, screenSize: Size) -> Bool {
        if key == .resize { return false }
        if let (current, editor) = question {
            var editing = editor
            return answer(current, editor: &editing, key: key)
        }
        guard screenSize.fits(context.options.minimumSize) else {
            // Quitting is all a too-small terminal offers, and it asks first like anywhere else:
            // an open form's work is still there.
            return key == .character("q") || key == .control("c") ? apply(.quit) : false
        }
        message = nil
        guard let top = stack.last else { return true }
        if !(top is HelpView), HelpView.openingKeys(over: top).contains(key) {
            return apply(.push(HelpView(for: top)))
        }
        return apply(top.handle(key))
    }

    private func answer(_ current: Question, editor: inout LineEditor, key: Key) -> Bool {
        switch current.kind {
        case .confirm:
            question = nil
            return apply(key == .character("y") || key == .character("Y") ? current.onAnswer("y") : current.onCancel())
        case .choice(let keys):
            question = nil
            if case .character(let typed) = key, keys.contains(typed) { return apply(current.onAnswer(String(typed))) }
            return apply(current.onCancel())
        case .text(_, let onChange):
            switch key {
            case .enter:
                question = nil
                return apply(current.onAnswer(editor.text))
            case .escape:
                question = nil
                return apply(current.onCancel())
            default:
                if editor.apply(key) {
                    onChange?(editor.text)
                    question = (current, editor)
                }
                return false
            }
        }
    }

    /// Carries out what a view asked for; true when the dashboard should quit.
    private func apply(_ outcome: Outcome) -> Bool {
        switch outcome {
        case .handled:
            return false
        case .push(let view):
            stack.append(view)
            if let edit = view as? EditView, let opening = edit.openingMessage { message = (opening, false) }
        case .pop:
            stack.removeLast()
            guard let top = stack.last else { return true }
            top.becameVisible()
        case .popWithMessage(let text):
            let quit = apply(.pop)
            message = (text, false)
            return quit
        case .ask(let newQuestion):
            if case .text(let initial, _) = newQuestion.kind {
                question = (newQuestion, LineEditor(initial))
            } else {
                question = (newQuestion, LineEditor())
            }
        case .message(let text, let isError):
            message = (text, isError)
        case .quit:
            if stack.contains(where: \.hasUnsavedChanges) {
                return apply(.ask(.confirm("Unsaved changes will be lost. Quit anyway? (y/N)") { .quitNow }))
            }
            return true
        case .quitNow:
            return true
        }
        return false
    }

    /// Draws the top view and the status line.
    func draw(on screen: any Screen) {
        screen.clear()
        screen.setCursor(nil)
        let size = screen.size
        guard size.fits(context.options.minimumSize) else {
            drawTooSmall(on: screen)
            screen.present()
            return
        }
        stack.last?.draw(on: screen, area: Rect(row: 0, column: 0, width: size.width, height: size.height - 1))
        drawStatusLine(on: screen, row: size.height - 1)
        screen.present()
    }

    /// The notice, and below it a question still waiting for its answer (it holds the keys).
    private func drawTooSmall(on screen: any Screen) {
        let size = screen.size
        let minimum = context.options.minimumSize
        var lines = ["terminal too small (need \(minimum.width)x\(minimum.height))"]
        if let (current, editor) = question {
            var document = TextDocument()
            document.wrapped(current.prompt, indent: 0, width: size.width)
            lines += document.lines.map { $0.map(\.text).joined() }
            if case .text = current.kind { lines.append(editor.text) }
        } else {
            lines.append("now \(size.width)x\(size.height); q quits")
        }
        for (offset, line) in lines.enumerated() {
            let row = max(0, size.height / 2 - 1 + offset)
            let column = max(0, (size.width - TextWidth.of(line)) / 2)
            screen.put(line, row: row, column: column, role: offset == 0 ? .statusError : .dim)
        }
    }

    /// A question or message too long for one line (a save conflict names who, when and what; a
    /// failed write says what to check) takes the rows above the status line too: it must be
    /// read in full.
    private func drawWrapped(_ text: String, role: StyleRole, on screen: any Screen, lastRow: Int) {
        var document = TextDocument()
        document.wrapped(text, indent: 0, width: screen.size.width, role: role)
        let top = max(0, lastRow - document.lines.count + 1)
        for row in top...lastRow { screen.fillRow(row, role: .statusBar) }
        document.draw(on: screen, area: Rect(row: top, column: 0, width: screen.size.width, height: lastRow - top + 1), offset: 0)
    }

    private func drawStatusLine(on screen: any Screen, row: Int) {
        let width = screen.size.width
        screen.fillRow(row, role: .statusBar)
        if let (current, editor) = question {
            if case .text = current.kind {} else if TextWidth.of(current.prompt) >= width {
                drawWrapped(current.prompt, role: .statusMessage, on: screen, lastRow: row)
                return
            }
            let end = screen.put(current.prompt + " ", row: row, column: 0, role: .statusMessage)
            if case .text = current.kind {
                editor.draw(on: screen, row: row, column: end, width: width - end, role: .statusBar)
            }
            return
        }
        if let message {
            let role: StyleRole = message.isError ? .statusError : .statusMessage
            if TextWidth.of(message.text) > width {
                drawWrapped(message.text, role: role, on: screen, lastRow: row)
            } else {
                screen.put(message.text, row: row, column: 0, role: role, maxWidth: width)
            }
            return
        }
        var column = 0
        if context.isReadOnly { column = screen.put(" READ-ONLY ", row: row, column: 0, role: .statusError) + 1 }
        guard let top = stack.last else { return }
        let hints = [HelpLine(keys: HelpView.openingKeys(over: top)[0].label, text: "Help")] + top.hints
        for hint in hints {
            let needed = TextWidth.of(hint.keys) + TextWidth.of(hint.text) + 3
            guard column + needed <= width else { break }
            column = screen.put(hint.keys, row: row, column: column, role: .keyHint)
            column = screen.put(" \(hint.text)  ", row: row, column: column, role: .statusBar)
        }
    }
}
