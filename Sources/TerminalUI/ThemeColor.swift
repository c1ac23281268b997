/// A colour as a theme names it.
///
/// In theme files: `default` (the terminal's own foreground or background), the eight ANSI names
/// `black red green yellow blue magenta cyan white`, their `bright_*` forms (8-15), and any of the
/// 256 indexed colours as `"#N"` or `"colorN"` (N = 0...255; `#` is an index here, not hex RGB).
public enum ThemeColor: Hashable, Sendable, CustomStringConvertible {
    case terminalDefault
    /// 0...15: the named ANSI colours, whose exact shade the user's terminal decides.
    case ansi(Int)
    /// 0...255 in the xterm 256-colour palette.
    case indexed(Int)

    public static let ansiNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright_black", "bright_red", "bright_green", "bright_yellow",
        "bright_blue", "bright_magenta", "bright_cyan", "bright_white",
    ]

    /// Parses a colour as written in a theme file; nil when it is not one.
    public init?(themeName: String) {
        let name = themeName.lowercased()
        if name == "default" {
            self = .terminalDefault
        } else if let index = Self.ansiNames.firstIndex(of: name) {
            self = .ansi(index)
        } else if let digits = name.hasPrefix("#") ? name.dropFirst() : name.hasPrefix("color") ? name.dropFirst(5) : nil,
                  !digits.isEmpty, digits.allSatisfy(\.isASCII), let n = Int(digits), (0...255).contains(n)
        {
            self = .indexed(n)
        } else {
            return nil
        }
    }

    /// How a theme file writes this colour.
    public var description: String {
        switch self {
        case .terminalDefault: "default"
        case .ansi(let n): Self.ansiNames.indices.contains(n) ? Self.ansiNames[n] : "#\(n)"
        case .indexed(let n): "#\(n)"
        }
    }

    /// The palette index (0...255), or nil for the terminal's default.
    public var index: Int? {
        switch self {
        case .terminalDefault: nil
        case .ansi(let n), .indexed(let n): n
        }
    }

    /// The nearest colour a terminal with `colorCount` colours can show: indexed colours map to the
    /// closest of the 16 (or 8) ANSI colours by RGB distance, bright ANSI colours to their normal
    /// form on 8-colour terminals, everything to `terminalDefault` below 8 colours.
    public func approximated(colorCount: Int) -> ThemeColor {
        guard let n = index else { return self }
        if colorCount < 8 { return .terminalDefault }
        if n < 16 { return colorCount >= 16 || n < 8 ? self : .ansi(n - 8) }
        if n < colorCount { return self }
        let available = colorCount >= 16 ? 16 : 8
        let target = Self.rgb(ofIndex: n)
        var best = 0
        var bestDistance = Int.max
        for candidate in 0..<available {
            let c = Self.rgb(ofIndex: candidate)
            let d = (c.0 - target.0) * (c.0 - target.0) + (c.1 - target.1) * (c.1 - target.1) + (c.2 - target.2) * (c.2 - target.2)
            if d < bestDistance {
                bestDistance = d
                best = candidate
            }
        }
        return .ansi(best)
    }

    /// The xterm default RGB of a palette index.
    static func rgb(ofIndex n: Int) -> (Int, Int, Int) {
        let base16 = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        switch n {
        case 0..<16:
            return base16[n]
        case 16..<232:
            let levels = [0, 95, 135, 175, 215, 255]
            let i = n - 16
            return (levels[i / 36], levels[(i / 6) % 6], levels[i % 6])
        default:
            let grey = 8 + 10 * (n - 232)
            return (grey, grey, grey)
        }
    }
}

/// How a role looks: two colours and four attributes.
public struct Style: Hashable, Sendable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(
        foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault,
        bold: Bool = false, underline: Bool = false, reverse: Bool = false, dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }

    /// How this style shows when colours are off (`NO_COLOR`, `--color never`, a terminal without
    /// colours): its attributes, plus reverse video when its background differs from `normal`'s, so
    /// that a selection bar or status line drawn with a background colour stays visible.
    public func withoutColor(normal: Style) -> Style {
        Style(
            bold: bold, underline: underline,
            reverse: reverse || background != normal.background,
            dim: dim
        )
    }
}
