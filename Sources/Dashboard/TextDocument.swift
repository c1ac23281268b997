import InventoryFiles
import TerminalUI

/// Styled lines for a scrolling view (detail, help): each line a run of spans.
struct TextDocument {
    struct Span {
        let text: String
        let role: StyleRole
    }

    private(set) var lines: [[Span]] = []

    mutating func line(_ spans: Span...) { lines.append(spans) }
    mutating func line(_ text: String, _ role: StyleRole = .normal) { lines.append([Span(text: text, role: role)]) }
    mutating func blank() { lines.append([]) }
    mutating func append(_ spans: [Span]) { lines.append(spans) }

    /// Adds `text` wrapped at word boundaries to `width` columns, each line after `indent`. A word
    /// wider than a whole line (a long value in an error, a path, a rule's name) goes on where the
    /// line has room and is broken after an underscore or a slash, or where the line ends.
    mutating func wrapped(_ text: String, indent: Int, width: Int, role: StyleRole = .normal, firstIndent: Int? = nil) {
        var current = ""
        var currentIndent = firstIndent ?? indent
        func flush() {
            lines.append([Span(text: String(repeating: " ", count: currentIndent) + current, role: role)])
            current = ""
            currentIndent = indent
        }
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            for word in paragraph.split(separator: " ") {
                if TextWidth.of(String(word)) > width - indent {
                    if !current.isEmpty { current += " " }
                    for piece in Self.pieces(of: word) {
                        if !current.isEmpty, TextWidth.of(current + piece) > width - currentIndent, TextWidth.of(String(piece)) <= width - indent { flush() }
                        for character in piece {
                            if !current.isEmpty, TextWidth.of(current + String(character)) > width - currentIndent { flush() }
                            current.append(character)
                        }
                    }
                    continue
                }
                let candidate = current.isEmpty ? String(word) : current + " " + word
                if !current.isEmpty, TextWidth.of(candidate) > width - currentIndent { flush() }
                current = current.isEmpty ? String(word) : current + " " + word
            }
            flush()
        }
    }

    /// `word` cut after each underscore and slash.
    private static func pieces(of word: Substring) -> [Substring] {
        var pieces: [Substring] = []
        var start = word.startIndex
        for index in word.indices where word[index] == "_" || word[index] == "/" {
            pieces.append(word[start...index])
            start = word.index(after: index)
        }
        if start < word.endIndex { pieces.append(word[start...]) }
        return pieces
    }

    /// Adds `label`, then `text` wrapped in the columns after it: continuation lines start under
    /// the text, so a long value or description is shown whole beside its label.
    mutating func labelled(_ label: Span, _ text: String, width: Int, role: StyleRole = .normal) {
        let indent = TextWidth.of(label.text)
        // Text that fits keeps its spacing; wrapping joins its words with single spaces.
        guard TextWidth.of(text) > width - indent else {
            lines.append([label, Span(text: text, role: role)])
            return
        }
        let first = lines.count
        wrapped(text, indent: indent, width: width, role: role)
        lines[first][0] = Span(text: String(lines[first][0].text.dropFirst(indent)), role: role)
        lines[first].insert(label, at: 0)
    }

    /// Keeps the first `count` lines. When that leaves some out, the last one kept ends with
    /// `ellipsis` (within `width` columns), so cut text is not taken for the whole of it.
    mutating func cut(to count: Int, width: Int, ellipsis: String) {
        guard count > 0, lines.count > count else { return }
        lines.removeLast(lines.count - count)
        guard let last = lines[count - 1].popLast() else { return }
        let room = width - lines[count - 1].reduce(0) { $0 + TextWidth.of($1.text) }
        lines[count - 1].append(Span(text: TextWidth.truncate(last.text + ellipsis, to: room, ellipsis: ellipsis), role: last.role))
    }

    /// Draws lines from `offset` into `area`. With `showingMore`, when lines are left below the
    /// area, its last row says how many instead: a document taller than the screen is not taken
    /// for the whole of it.
    func draw(on screen: any Screen, area: Rect, offset: Int, showingMore: Bool = false) {
        let below = lines.count - offset - area.height
        let height = showingMore && below > 0 ? area.height - 1 : area.height
        for row in 0..<height {
            let index = offset + row
            guard index < lines.count else { break }
            var column = area.column
            for span in lines[index] {
                column = screen.put(span.text, row: area.row + row, column: column, role: span.role, maxWidth: area.column + area.width - column)
            }
        }
        if height < area.height {
            let more = "\(screen.glyphs.ellipsis) \(Count.of(below + 1, "more line")) below: \(Key.down.label) or \(Key.pageDown.label) scrolls"
            screen.put(more, row: area.bottom - 1, column: area.column + 1, role: .dim, maxWidth: area.width - 1)
        }
    }
}

extension TextDocument.Span {
    static func text(_ text: String, _ role: StyleRole = .normal) -> Self { .init(text: text, role: role) }
}

/// Scrolling over a document taller than the screen. `fit` records the last drawn sizes, so
/// keys scroll by the page the user is looking at.
struct Scroller {
    /// The keys `handle` takes, for the views' key tables.
    static let keys: [Key] = [
        .down, .char("j"), .up, .char("k"), .pageDown, .control("f"), .pageUp, .control("b"), .home, .char("g"), .end, .char("G"),
    ]

    private(set) var offset = 0
    private var contentHeight = 0
    private var pageHeight = 20

    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .down, .character("j"): offset += 1
        case .up, .character("k"): offset -= 1
        // Ctrl-F and Ctrl-B page as they do in the list.
        case .pageDown, .control("f"): offset += max(1, pageHeight - 1)
        case .pageUp, .control("b"): offset -= max(1, pageHeight - 1)
        case .home, .character("g"): offset = 0
        case .end, .character("G"): offset = .max
        default: return false
        }
        clamp()
        return true
    }

    /// Call when drawing: the document's and the page's heights.
    mutating func fit(contentHeight: Int, pageHeight: Int) {
        self.contentHeight = contentHeight
        self.pageHeight = pageHeight
        clamp()
    }

    private mutating func clamp() {
        offset = min(max(0, offset), max(0, contentHeight - pageHeight))
    }
}
