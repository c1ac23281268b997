/// A complete mapping from every `StyleRole` to a `Style`, loaded from a TOML file in `Themes/`
/// (or the user's theme directory), or the compiled-in `builtInDefault`.
public struct Theme: Hashable, Sendable {
    public let name: String
    private let styles: [StyleRole: Style]

    /// A theme from explicit styles; roles left out take the style of `.normal` (or a plain style
    /// when `.normal` is left out too).
    public init(name: String, styles: [StyleRole: Style]) {
        self.name = name
        let normal = styles[.normal] ?? Style()
        var complete: [StyleRole: Style] = [:]
        for role in StyleRole.allCases { complete[role] = styles[role] ?? normal }
        self.styles = complete
    }

    public func style(for role: StyleRole) -> Style {
        styles[role] ?? Style()
    }

    /// The same theme as it shows without colours: see `Style.withoutColor(normal:)`.
    public func withoutColor() -> Theme {
        let normal = style(for: .normal)
        var plain: [StyleRole: Style] = [:]
        for role in StyleRole.allCases { plain[role] = style(for: role).withoutColor(normal: normal) }
        return Theme(name: name, styles: plain)
    }

    /// True when no role uses a colour (the monochrome theme), so the theme looks the same with
    /// colours on and off.
    public var usesColor: Bool {
        StyleRole.allCases.contains { style(for: $0).foreground != .terminalDefault || style(for: $0).background != .terminalDefault }
    }
}
