import CNcurses
import TerminalUI

/// Every role's ncurses attributes and colour pair, set up from a theme.
struct StyleTable {
    struct Entry {
        var attributes: attr_t
        var pair: Int16
        /// The role's own colour is the cell's background (reverse video, or a background other
        /// than the normal text's), where a full block would paint over it in the text colour: a
        /// bar drawn in it would show the wrong colour, or, reversed in the monochrome theme, look
        /// empty. Roles that only share the normal background (themes give it to every role) keep
        /// their blocks.
        var fillsWithBackground = false
    }

    private var entries: [StyleRole: Entry] = [:]

    /// Defines one colour pair per role (pair numbers 1...) when `colors` is true; otherwise (or when
    /// the terminal has too few pairs) only attributes, from `Theme.withoutColor()`.
    /// `defaultColors`: `use_default_colors` succeeded, so -1 means the terminal's own colour.
    init(theme: Theme, colors: Bool, colorCount: Int, pairCount: Int, defaultColors: Bool) {
        let roles = StyleRole.allCases
        let useColor = colors && pairCount > roles.count
        let effective = useColor ? theme : theme.withoutColor()
        let normalBackground = effective.style(for: .normal).background
        for (index, role) in roles.enumerated() {
            let style = effective.style(for: role)
            var pair: Int16 = 0
            if useColor {
                pair = Int16(index + 1)
                var fg = Self.cursesColor(style.foreground, colorCount: colorCount, defaultColors: defaultColors, fallback: 7)
                let bg = Self.cursesColor(style.background, colorCount: colorCount, defaultColors: defaultColors, fallback: 0)
                // Two 256-palette shades can fall on the same colour of a 8/16-colour terminal: keep text readable.
                if fg == bg, fg >= 0, style.foreground != style.background {
                    fg = [0, 1, 4, 5, 8].contains(bg) ? 7 : 0
                }
                init_pair(pair, fg, bg)
            }
            entries[role] = Entry(
                attributes: Self.attributes(of: style), pair: pair,
                fillsWithBackground: style.reverse || (useColor && style.background != normalBackground))
        }
    }

    subscript(role: StyleRole) -> Entry {
        entries[role] ?? Entry(attributes: 0, pair: 0)
    }

    static func attributes(of style: Style) -> attr_t {
        var attributes: attr_t = 0
        if style.bold { attributes |= rr_attr_bold() }
        if style.underline { attributes |= rr_attr_underline() }
        if style.reverse { attributes |= rr_attr_reverse() }
        if style.dim { attributes |= rr_attr_dim() }
        return attributes
    }

    private static func cursesColor(_ color: ThemeColor, colorCount: Int, defaultColors: Bool, fallback: Int16) -> Int16 {
        guard let index = color.approximated(colorCount: colorCount).index else {
            return defaultColors ? -1 : fallback
        }
        return Int16(index)
    }
}
