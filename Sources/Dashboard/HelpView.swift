import TerminalUI

/// Every key of the screen underneath, generated from that screen's key table.
final class HelpView: DashboardView {
    enum Command: Hashable, Sendable { case scroll, back }

    static let keys = KeyTable<Command>([
        KeyBinding(.scroll, Scroller.keys, "Scroll"),
        KeyBinding(.back, [.char("q"), .escape, .char("?"), .function(1)], "Close the help", hint: "Close"),
    ])

    /// The keys that open help over `view`: `?`, unless it is text there, and F1 everywhere.
    static func openingKeys(over view: any DashboardView) -> [Key] {
        view.takesTypedText ? [.function(1)] : [.char("?"), .function(1)]
    }

    let title = "Help"
    var helpLines: [HelpLine] { Self.keys.helpLines }
    var hints: [HelpLine] { Self.keys.hints }

    private let topic: String
    private let lines: [HelpLine]
    private var scroller = Scroller()

    init(for view: any DashboardView) {
        topic = view.title
        lines = view.helpLines + [HelpLine(keys: Self.openingKeys(over: view).map(\.label).joined(separator: " "), text: "This help")]
    }

    func handle(_ key: Key) -> Outcome {
        if scroller.handle(key) { return .handled }
        return Self.keys.command(for: key) == .back ? .pop : .handled
    }

    func draw(on screen: any Screen, area: Rect) {
        var document = TextDocument()
        document.line(" Keys: \(topic)", .header)
        document.blank()
        let keyWidth = min(28, (lines.map { TextWidth.of($0.keys) }.max() ?? 10) + 2)
        for line in lines {
            // Keys too many for the column get a line of their own, rather than running into the text.
            guard TextWidth.of(line.keys) < keyWidth else {
                document.line(.text("  " + line.keys, .keyHint))
                document.labelled(.text(String(repeating: " ", count: keyWidth + 2)), line.text, width: area.width)
                continue
            }
            document.labelled(.text("  " + TextWidth.pad(line.keys, to: keyWidth), .keyHint), line.text, width: area.width)
        }
        scroller.fit(contentHeight: document.lines.count, pageHeight: area.height)
        // The title's bar scrolls away with the title.
        if scroller.offset == 0 { screen.fillRow(area.row, role: .header) }
        document.draw(on: screen, area: area, offset: scroller.offset, showingMore: true)
    }
}
