import ConfigFiles
import Foundation
import Testing
import TerminalUI

/// The repository's Themes/ folder, found from this file's path.
let themesDirectory: String = {
    URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Themes").path
}()

let bundledThemeFiles: [String] = {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: themesDirectory)) ?? []
    return files.filter { $0.hasSuffix(".toml") }.sorted()
}()

private func parse(_ text: String, file: String = "test.toml") throws(ConfigFileError) -> Theme {
    try Theme(toml: text, fileName: file)
}

/// The error a theme text is refused with (fails the test when it is accepted).
private func refusal(_ text: String, file: String = "bad.toml", sourceLocation: SourceLocation = #_sourceLocation) -> ConfigFileError? {
    do {
        _ = try Theme(toml: text, fileName: file)
        Issue.record("theme was accepted", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

@Suite struct ThemeParsingTests {
    @Test func parsesPaletteNamesColoursAndAttributes() throws {
        let theme = try parse("""
            name = "mine"
            [palette]
            crit = "#196"
            accent = "cyan"
            [roles]
            normal = { fg = "white", bg = "color17" }
            tier_critical = { fg = "crit", bg = "default", bold = true, reverse = true }
            title = { fg = "accent", underline = true, dim = true }
            selection = { fg = 220, bg = "bright_blue" }
            """)
        #expect(theme.name == "mine")
        #expect(theme.style(for: .normal) == Style(foreground: .ansi(7), background: .indexed(17)))
        #expect(theme.style(for: .tierCritical) == Style(foreground: .indexed(196), background: .terminalDefault, bold: true, reverse: true))
        #expect(theme.style(for: .selection) == Style(foreground: .indexed(220), background: .ansi(12)))
    }

    @Test func rolesWithoutColoursInheritThoseOfNormal() throws {
        let theme = try parse("""
            [roles]
            normal = { fg = "#244", bg = "#234" }
            title = { fg = "blue", bold = true }
            header = { underline = true }
            """)
        #expect(theme.style(for: .title) == Style(foreground: .ansi(4), background: .indexed(234), bold: true))
        #expect(theme.style(for: .header) == Style(foreground: .indexed(244), background: .indexed(234), underline: true))
    }

    @Test func missingRolesFallBackToNormal() throws {
        let theme = try parse("""
            [roles]
            normal = { fg = "green", bg = "black", bold = true }
            tier_high = { fg = "red" }
            """)
        let normal = Style(foreground: .ansi(2), background: .ansi(0), bold: true)
        for role in StyleRole.allCases where role != .tierHigh {
            #expect(theme.style(for: role) == normal, "\(role)")
        }
        #expect(theme.style(for: .tierHigh) == Style(foreground: .ansi(1), background: .ansi(0)))
    }

    @Test func nameDefaultsToTheFileStem() throws {
        let theme = try parse("[roles]\nnormal = { }\n", file: "/somewhere/themes/ocean.toml")
        #expect(theme.name == "ocean")
    }

    @Test func unknownRoleIsRefusedWithItsLineAndASuggestion() throws {
        let error = try #require(refusal("""
            name = "typo"

            [roles]
            normal = { fg = "default" }
            tier_critcal = { fg = "red" }
            """))
        #expect(error.file == "bad.toml")
        #expect(error.line == 5)
        #expect(error.message.contains("unknown role 'tier_critcal'"))
        #expect(error.message.contains("did you mean 'tier_critical'"))
        #expect(error.description.hasPrefix("bad.toml:5: "))
    }

    @Test func unknownColourIsRefusedWithItsLine() throws {
        let error = try #require(refusal("""
            [palette]
            accent = "cyan"
            [roles]
            normal = { fg = "default" }
            title = { fg = "accnt", bold = true }
            """))
        #expect(error.line == 5)
        #expect(error.message.contains("'title'"))
        #expect(error.message.contains("accnt"))
    }

    @Test(arguments: ["\"#256\"", "\"colour3\"", "\"#\"", "\"pink\"", "300", "-1", "1.5"])
    func badColourValuesAreRefused(value: String) throws {
        let error = try #require(refusal("[roles]\nnormal = { }\nborder = { bg = \(value) }\n"))
        #expect(error.line == 3)
    }

    @Test func badPaletteColourIsRefusedWithItsLine() throws {
        let error = try #require(refusal("""
            [palette]
            ok = "green"
            warn = "amber"
            [roles]
            normal = { }
            """))
        #expect(error.line == 3)
        #expect(error.message.contains("'warn'"))
    }

    @Test func attributeOfTheWrongTypeIsRefusedWithItsLine() throws {
        let error = try #require(refusal("""
            [roles]
            normal = { }
            marked = { bold = "yes" }
            """))
        #expect(error.line == 3)
        #expect(error.message.contains("bold must be true or false"))
    }

    @Test func unknownAttributeIsRefused() throws {
        let error = try #require(refusal("[roles]\nnormal = { italic = true }\n"))
        #expect(error.line == 2)
        #expect(error.message.contains("unknown attribute 'italic'"))
    }

    @Test func roleThatIsNotATableIsRefused() throws {
        let error = try #require(refusal("[roles]\nnormal = { }\nselection = \"reverse\"\n"))
        #expect(error.line == 3)
    }

    @Test func roleWrittenAsASubTableIsLocatedAtItsHeader() throws {
        let error = try #require(refusal("""
            [roles]
            normal = { }

            [roles.tier_low]
            fg = "greeen"
            """))
        #expect(error.line == 4)
    }

    @Test func tomlSyntaxErrorIsRefusedWithItsLine() throws {
        let error = try #require(refusal("""
            name = "broken"
            [roles]
            normal = { fg = "red"
            """))
        #expect(error.file == "bad.toml")
        #expect(error.line == 3)
        #expect(error.message.contains("TOML syntax error"))
    }

    @Test func unknownTopLevelKeyAndMissingRolesAreRefused() throws {
        let typo = try #require(refusal("name = \"x\"\n[role]\nnormal = { }\n"))
        #expect(typo.line == 2)
        let missing = try #require(refusal("name = \"x\"\n"))
        #expect(missing.message.contains("missing [roles]"))
    }
}

@Suite struct BundledThemeTests {
    @Test func theRequiredThemesAreThere() {
        for name in ["default", "high-contrast", "monochrome", "solarized-dark", "solarized-light"] {
            #expect(bundledThemeFiles.contains("\(name).toml"), "Themes/\(name).toml")
        }
    }

    @Test(arguments: bundledThemeFiles)
    func everyBundledThemeParsesAndNamesEveryRole(file: String) throws {
        let path = themesDirectory + "/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let theme = try Theme(toml: text, fileName: path)
        #expect(theme.name + ".toml" == file)
        // A bundled theme is a complete example: every role is spelled out.
        for role in StyleRole.allCases {
            #expect(text.contains("\n\(role.rawValue) "), "\(file) does not name \(role.rawValue)")
        }
        // The four tiers and the selection look different from each other and from normal.
        let tiers: [StyleRole] = [.tierLow, .tierModerate, .tierHigh, .tierCritical]
        #expect(Set(tiers.map { theme.style(for: $0) }).count == 4)
        #expect(theme.style(for: .selection) != theme.style(for: .normal))
        // Without colours, selection and status bar still stand out.
        let plain = theme.withoutColor()
        #expect(plain.style(for: .selection) != plain.style(for: .normal))
        #expect(plain.style(for: .statusBar) != plain.style(for: .normal))
    }

    @Test func builtInDefaultEqualsThemesDefaultFile() throws {
        let path = themesDirectory + "/default.toml"
        let parsed = try Theme(toml: try String(contentsOfFile: path, encoding: .utf8), fileName: path)
        for role in StyleRole.allCases {
            #expect(Theme.builtInDefault.style(for: role) == parsed.style(for: role), "\(role.rawValue)")
        }
        #expect(Theme.builtInDefault == parsed)
    }

    @Test func monochromeUsesNoColourAndKeepsTiersApart() throws {
        let theme = try Theme.resolve("monochrome", environment: [:], bundledDirectories: [themesDirectory]).get()
        #expect(!theme.usesColor)
        #expect(theme.withoutColor() == theme)
        #expect(theme.style(for: .tierCritical) == Style(bold: true, reverse: true))
        #expect(theme.style(for: .tierHigh) == Style(bold: true))
        #expect(theme.style(for: .tierModerate) == Style(underline: true))
        #expect(theme.style(for: .tierLow) == Style())
        #expect(theme.style(for: .better) != theme.style(for: .worse))
    }
}

@Suite struct ThemeResolutionTests {
    private func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "radrisk-theme-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func namesAreFoundInTheBundledDirectories() throws {
        let theme = try Theme.resolve("solarized-dark", environment: [:], bundledDirectories: ["/nonexistent", themesDirectory]).get()
        #expect(theme.name == "solarized-dark")
    }

    @Test func theUsersDirectoryComesFirst() throws {
        let config = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: config) }
        try FileManager.default.createDirectory(atPath: config + "/radrisk/themes", withIntermediateDirectories: true)
        try "name = \"my-monochrome\"\n[roles]\nnormal = { bold = true }\n"
            .write(toFile: config + "/radrisk/themes/monochrome.toml", atomically: true, encoding: .utf8)
        let env = ["XDG_CONFIG_HOME": config, "HOME": "/nonexistent"]
        let theme = try Theme.resolve("monochrome", environment: env, bundledDirectories: [themesDirectory]).get()
        #expect(theme.name == "my-monochrome")
        #expect(Theme.userThemeDirectory(environment: env) == config + "/radrisk/themes")
        #expect(Theme.userThemeDirectory(environment: ["HOME": "/home/ann"]) == "/home/ann/.config/radrisk/themes")
        #expect(Theme.userThemeDirectory(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"]) == "/h/.config/radrisk/themes")
    }

    @Test func aBrokenUserThemeIsReportedWithFileAndLine() throws {
        let config = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: config) }
        try FileManager.default.createDirectory(atPath: config + "/radrisk/themes", withIntermediateDirectories: true)
        let path = config + "/radrisk/themes/default.toml"
        try "[roles]\nnormal = { }\nheadr = { bold = true }\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = Theme.resolve("default", environment: ["XDG_CONFIG_HOME": config], bundledDirectories: [themesDirectory])
        #expect(throws: ConfigFileError(file: path, line: 3, message: "unknown role 'headr' (did you mean 'header'?)")) { try result.get() }
    }

    @Test func pathsAreUsedAsGiven() throws {
        let theme = try Theme.resolve(themesDirectory + "/high-contrast.toml", environment: [:], bundledDirectories: []).get()
        #expect(theme.name == "high-contrast")
        let missing = Theme.resolve("/nonexistent/mine.toml", environment: [:], bundledDirectories: [])
        #expect(throws: ConfigFileError.self) { try missing.get() }
    }

    @Test func defaultNeedsNoFileAndUnknownNamesListTheAvailableOnes() throws {
        let theme = try Theme.resolve("default", environment: [:], bundledDirectories: []).get()
        #expect(theme == Theme.builtInDefault)
        do {
            _ = try Theme.resolve("neon", environment: [:], bundledDirectories: [themesDirectory]).get()
            Issue.record("an unknown theme was accepted")
        } catch {
            #expect(error.file == "neon")
            #expect(error.message.contains("default, high-contrast, monochrome, solarized-dark, solarized-light"))
        }
        #expect(throws: ConfigFileError.self) { try Theme.resolve("../etc", environment: [:], bundledDirectories: []).get() }
        #expect(Theme.availableNames(environment: [:], bundledDirectories: [themesDirectory])
            == ["default", "high-contrast", "monochrome", "solarized-dark", "solarized-light"])
    }
}

@Suite struct ColorTests {
    @Test func colourNames() {
        #expect(ThemeColor(themeName: "default") == .terminalDefault)
        #expect(ThemeColor(themeName: "black") == .ansi(0))
        #expect(ThemeColor(themeName: "white") == .ansi(7))
        #expect(ThemeColor(themeName: "bright_black") == .ansi(8))
        #expect(ThemeColor(themeName: "bright_white") == .ansi(15))
        #expect(ThemeColor(themeName: "#0") == .indexed(0))
        #expect(ThemeColor(themeName: "#255") == .indexed(255))
        #expect(ThemeColor(themeName: "color196") == .indexed(196))
        #expect(ThemeColor(themeName: "#ff0000") == nil)
        #expect(ThemeColor(themeName: "#-1") == nil)
        #expect(ThemeColor(themeName: "") == nil)
        for color in [ThemeColor.terminalDefault, .ansi(3), .ansi(12), .indexed(200)] {
            #expect(ThemeColor(themeName: color.description) == color)
        }
    }

    @Test func coloursAreApproximatedOnSmallerPalettes() {
        #expect(ThemeColor.indexed(196).approximated(colorCount: 256) == .indexed(196))
        #expect(ThemeColor.indexed(196).approximated(colorCount: 16) == .ansi(9))     // #ff0000 -> bright red
        #expect(ThemeColor.indexed(196).approximated(colorCount: 8) == .ansi(1))
        #expect(ThemeColor.indexed(234).approximated(colorCount: 8) == .ansi(0))      // near-black grey
        #expect(ThemeColor.ansi(12).approximated(colorCount: 8) == .ansi(4))
        #expect(ThemeColor.ansi(12).approximated(colorCount: 16) == .ansi(12))
        #expect(ThemeColor.ansi(2).approximated(colorCount: 2) == .terminalDefault)
        #expect(ThemeColor.terminalDefault.approximated(colorCount: 256) == .terminalDefault)
    }

    @Test func withoutColourABackgroundBecomesReverseVideo() {
        let normal = Style(foreground: .ansi(7), background: .ansi(0))
        #expect(Style(foreground: .ansi(0), background: .ansi(6)).withoutColor(normal: normal) == Style(reverse: true))
        #expect(Style(foreground: .ansi(1), background: .ansi(0), bold: true).withoutColor(normal: normal) == Style(bold: true))
        #expect(Theme.builtInDefault.withoutColor().style(for: .tierCritical) == Style(bold: true, reverse: true))
    }

    @Test(arguments: ColorMode.allCases)
    func noColorIsHonouredUnlessColourIsForced(mode: ColorMode) {
        let noColor = ["NO_COLOR": "1"]
        #expect(!mode.allowsColor(terminalHasColors: false, environment: [:]))
        switch mode {
        case .auto:
            #expect(mode.allowsColor(terminalHasColors: true, environment: [:]))
            #expect(mode.allowsColor(terminalHasColors: true, environment: ["NO_COLOR": ""]))
            #expect(!mode.allowsColor(terminalHasColors: true, environment: noColor))
        case .always:
            #expect(mode.allowsColor(terminalHasColors: true, environment: noColor))
        case .never:
            #expect(!mode.allowsColor(terminalHasColors: true, environment: [:]))
        }
    }

    @Test func roleNamesInFilesAreSnakeCase() {
        #expect(StyleRole.tierCritical.rawValue == "tier_critical")
        #expect(StyleRole.statusBar.rawValue == "status_bar")
        #expect(StyleRole.markedSelection.rawValue == "marked_selection")
        for role in StyleRole.allCases {
            #expect(role.rawValue.allSatisfy { $0.isLowercase || $0 == "_" }, "\(role)")
        }
    }
}
