extension Theme {
    /// The `default` theme, compiled in so the dashboard always has one: used when no theme is
    /// chosen and when the chosen one is refused. It must equal `Themes/default.toml` (a test checks).
    public static let builtInDefault: Theme = {
        let black = ThemeColor.ansi(0), red = ThemeColor.ansi(1), green = ThemeColor.ansi(2)
        let yellow = ThemeColor.ansi(3), blue = ThemeColor.ansi(4), magenta = ThemeColor.ansi(5)
        let cyan = ThemeColor.ansi(6), white = ThemeColor.ansi(7), brightWhite = ThemeColor.ansi(15)
        return Theme(name: "default", styles: [
            .normal: Style(),
            .dim: Style(dim: true),
            .title: Style(foreground: cyan, bold: true),
            .header: Style(bold: true, underline: true),
            .headerCount: Style(foreground: cyan, bold: true),
            .border: Style(foreground: cyan),
            .statusBar: Style(foreground: black, background: cyan),
            .statusMessage: Style(foreground: black, background: cyan, bold: true),
            .statusError: Style(foreground: brightWhite, background: red, bold: true),
            .keyHint: Style(foreground: brightWhite, background: blue, bold: true),
            .selection: Style(bold: true, reverse: true),
            .marked: Style(foreground: magenta, bold: true),
            .markedSelection: Style(foreground: magenta, bold: true, reverse: true),
            .tierLow: Style(foreground: green),
            .tierModerate: Style(foreground: yellow),
            .tierHigh: Style(foreground: red, bold: true),
            .tierCritical: Style(foreground: brightWhite, background: red, bold: true),
            .better: Style(foreground: green, bold: true),
            .worse: Style(foreground: red, bold: true),
            .barFill: Style(foreground: blue),
            .barEmpty: Style(dim: true),
            .fieldLabel: Style(foreground: cyan),
            .fieldValue: Style(),
            .fieldFocus: Style(foreground: black, background: yellow),
            .fieldError: Style(foreground: red, bold: true),
            .dialog: Style(foreground: white, background: blue),
            .dialogTitle: Style(foreground: brightWhite, background: blue, bold: true),
            .searchMatch: Style(foreground: black, background: yellow),
        ])
    }()
}
