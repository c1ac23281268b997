/// Display widths and display-safe text, in pure Swift so tests and the terminal agree.
///
/// Widths follow the system's `wcwidth` (tables in `TextWidth+Tables.swift`): East Asian Wide and
/// Fullwidth characters take 2 columns, combining and other zero-width characters 0, the rest 1.
/// Text from data never reaches the terminal raw: a scalar that a terminal would obey or that has no
/// agreed width is shown escaped, as plain printable characters:
/// - C0 controls and DEL in caret notation: ESC `^[`, tab `^I`, newline `^J`, DEL `^?`;
/// - C1 controls, bidirectional overrides and isolates (the "Trojan Source" characters), line and
///   paragraph separators and unassigned code points as `<U+202E>`.
public enum TextWidth {
    /// The display width of `s` in terminal columns, counting escaped characters as shown.
    public static func of(_ s: String) -> Int {
        var width = 0
        for scalar in s.unicodeScalars {
            if let escape = escaped(scalar) {
                width += escape.count
            } else {
                width += columns(of: scalar)
            }
        }
        return width
    }

    /// `s` made display-safe (controls escaped), cut to at most `width` columns. When it had to be cut,
    /// it ends with `ellipsis` (dropped too if even that does not fit). A wide character is never split.
    public static func truncate(_ s: String, to width: Int, ellipsis: String) -> String {
        guard width > 0 else { return "" }
        if let count = singleColumnCount(s) {
            if count <= width { return s }
            let markWidth = of(ellipsis)
            guard markWidth <= width else { return prefix(s, width) }
            return prefix(s, width - markWidth) + sanitized(ellipsis)
        }
        let all = units(s)
        let total = all.reduce(0) { $0 + $1.width }
        if total <= width { return all.map(\.text).joined() }
        let mark = units(ellipsis)
        let markWidth = mark.reduce(0) { $0 + $1.width }
        let room = markWidth <= width ? width - markWidth : width
        var out = ""
        var used = 0
        for unit in all {
            if used + unit.width > room { break }
            out += unit.text
            used += unit.width
        }
        return markWidth <= width ? out + mark.map(\.text).joined() : out
    }

    /// `s` made display-safe and exactly `width` columns wide: padded with spaces (on the left when
    /// `alignRight`), or cut without an ellipsis when wider (a wide character that would straddle the
    /// edge becomes a space).
    public static func pad(_ s: String, to width: Int, alignRight: Bool = false) -> String {
        guard width > 0 else { return "" }
        if let count = singleColumnCount(s) {
            if count >= width { return prefix(s, width) }
            let padding = String(repeating: " ", count: width - count)
            return alignRight ? padding + s : s + padding
        }
        var out = ""
        var used = 0
        for unit in units(s) {
            if used + unit.width > width { break }
            out += unit.text
            used += unit.width
        }
        let padding = String(repeating: " ", count: width - used)
        return alignRight ? padding + out : out + padding
    }

    /// `s` with every control character escaped as it would be displayed.
    public static func sanitized(_ s: String) -> String {
        units(s).map(\.text).joined()
    }

    /// The cells that `s` occupies, in order: each a printable base character with its combining marks,
    /// one or two columns wide. Escapes are split into one-column units. Marks with no base are dropped,
    /// as are marks beyond the four a terminal cell can hold.
    public static func units(_ s: String) -> [DisplayUnit] {
        var result: [DisplayUnit] = []
        var marksOnLast = 0
        var lastIsEscape = false
        for scalar in s.unicodeScalars {
            if let escape = escaped(scalar) {
                for c in escape { result.append(DisplayUnit(text: String(c), width: 1)) }
                marksOnLast = 0
                lastIsEscape = true
                continue
            }
            let w = columns(of: scalar)
            if w == 0 {
                guard !result.isEmpty, !lastIsEscape, marksOnLast < DisplayUnit.maximumMarks else { continue }
                result[result.count - 1].text.unicodeScalars.append(scalar)
                marksOnLast += 1
            } else {
                result.append(DisplayUnit(text: String(Character(scalar)), width: w))
                marksOnLast = 0
                lastIsEscape = false
            }
        }
        return result
    }

    /// How many scalars `s` has if each is printable and one column wide (nothing to escape, no
    /// combining mark, nothing wide), else nil. Most cells are, and measuring them a `String` per
    /// character slowed `radrisk list` of a million systems: this path for ASCII alone took it
    /// from 23.0 to 16.0 s.
    private static func singleColumnCount(_ s: String) -> Int? {
        var count = 0
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || v > 0x7E {
                guard v >= 0xA0, escaped(scalar) == nil, columns(of: scalar) == 1 else { return nil }
            }
            count += 1
        }
        return count
    }

    /// The first `count` scalars of `s`.
    private static func prefix(_ s: String, _ count: Int) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.prefix(count)))
    }

    /// How a scalar that must not reach the terminal raw is shown, or nil when it is printable.
    public static func escaped(_ scalar: Unicode.Scalar) -> String? {
        let v = scalar.value
        switch v {
        case 0x00...0x1F: return "^" + String(Character(Unicode.Scalar(UInt8(v + 0x40))))
        case 0x7F: return "^?"
        case 0x20...0x7E: return nil
        case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069: return codePointNotation(v)
        default: return inRanges(v, unprintableRanges) ? codePointNotation(v) : nil
        }
    }

    /// The columns a printable scalar takes: 0, 1 or 2 (escaped scalars are not asked about).
    public static func columns(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x300 { return 1 }
        if inRanges(v, zeroWidthRanges) { return 0 }
        if inRanges(v, wideRanges) { return 2 }
        return 1
    }

    private static func codePointNotation(_ v: UInt32) -> String {
        let hex = String(v, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }

    /// Binary search in a sorted, flattened list of inclusive ranges `[start0, end0, start1, end1, ...]`.
    private static func inRanges(_ v: UInt32, _ ranges: [UInt32]) -> Bool {
        var low = 0
        var high = ranges.count / 2 - 1
        while low <= high {
            let mid = (low + high) / 2
            if v < ranges[2 * mid] {
                high = mid - 1
            } else if v > ranges[2 * mid + 1] {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }
}

/// What one terminal cell (or two, for a wide character) shows: a printable base character plus any
/// combining marks, and the columns it takes.
public struct DisplayUnit: Hashable, Sendable {
    /// At most this many combining marks ride on one base (ncurses `CCHARW_MAX` is 5 in all).
    public static let maximumMarks = 4

    public var text: String
    /// 1 or 2.
    public var width: Int

    public init(text: String, width: Int) {
        self.text = text
        self.width = width
    }
}
