/// Box-drawing, bar and marker glyphs. `unicode` when the locale is UTF-8, `ascii` otherwise
/// (or with `--ascii`). Every glyph is exactly one column wide.
public struct Glyphs: Hashable, Sendable {
    public var horizontal: String
    public var vertical: String
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String
    /// `├`: a vertical line with a branch to the right (left edge of a separator).
    public var teeLeft: String
    /// `┤`: a vertical line with a branch to the left (right edge of a separator).
    public var teeRight: String
    /// `┬`: a horizontal line with a branch down (top end of a column separator).
    public var teeTop: String
    /// `┴`: a horizontal line with a branch up (bottom end of a column separator).
    public var teeBottom: String
    public var cross: String
    /// A completely filled bar cell.
    public var barFull: String
    /// An empty bar cell.
    public var barEmpty: String
    /// Partly filled cells from the smallest to the largest fraction: 1/8 ... 7/8 in Unicode; none in
    /// ASCII (bars round to whole cells there). Use `bar(fraction:width:)` rather than indexing.
    public var barPartial: [String]
    /// A marked row (`●` / `*`).
    public var marked: String
    /// The better value in a comparison (`▲` / `+`).
    public var better: String
    /// The worse value in a comparison (`▼` / `-`).
    public var worse: String
    /// Truncated text (`…` / `...`).
    public var ellipsis: String
    /// The sort column, ascending and descending (`↑` `↓` / `^` `v`).
    public var sortAscending: String
    public var sortDescending: String
    /// The current row when there is no colour to show it (`▶` / `>`).
    public var pointer: String

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeLeft: "├", teeRight: "┤", teeTop: "┬", teeBottom: "┴", cross: "┼",
        barFull: "█", barEmpty: "░", barPartial: ["▏", "▎", "▍", "▌", "▋", "▊", "▉"],
        marked: "●", better: "▲", worse: "▼", ellipsis: "…",
        sortAscending: "↑", sortDescending: "↓", pointer: "▶"
    )

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeLeft: "+", teeRight: "+", teeTop: "+", teeBottom: "+", cross: "+",
        barFull: "#", barEmpty: ".", barPartial: [],
        marked: "*", better: "+", worse: "-", ellipsis: "...",
        sortAscending: "^", sortDescending: "v", pointer: ">"
    )

    /// The glyph set for a terminal: ASCII when forced or when the locale's codeset is not UTF-8.
    public static func forTerminal(localeIsUTF8: Bool, forceASCII: Bool) -> Glyphs {
        localeIsUTF8 && !forceASCII ? .unicode : .ascii
    }

    /// A horizontal bar `width` cells wide, filled to `fraction` (clamped to 0...1), as the filled part
    /// (draw with `.barFill`) and the empty rest (draw with `.barEmpty`). Each part's display width is
    /// its `count` of characters; the two together are always exactly `width` columns.
    public func bar(fraction: Double, width: Int) -> Bar {
        guard width > 0 else { return Bar(filled: "", empty: "") }
        let clamped = fraction.isNaN ? 0 : min(max(fraction, 0), 1)
        let steps = barPartial.count + 1                  // sub-cell resolution
        let units = Int((clamped * Double(width * steps)).rounded())
        let full = units / steps
        let remainder = units % steps
        var filled = String(repeating: barFull, count: full)
        var used = full
        if remainder > 0, used < width {
            filled += barPartial[remainder - 1]
            used += 1
        }
        return Bar(filled: filled, empty: String(repeating: barEmpty, count: width - used))
    }
}

/// The two parts of a bar drawn by `Glyphs.bar(fraction:width:)`.
public struct Bar: Hashable, Sendable {
    public var filled: String
    public var empty: String

    public init(filled: String, empty: String) {
        self.filled = filled
        self.empty = empty
    }
}
