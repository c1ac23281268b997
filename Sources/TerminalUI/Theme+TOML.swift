import ConfigFiles
import TOMLKit

extension Theme {
    /// The keys a role's inline table may have.
    static let roleAttributes = ["fg", "bg", "bold", "underline", "reverse", "dim"]

    /// Parses a theme file:
    /// ```toml
    /// name = "default"
    /// [palette]
    /// crit = "#196"
    /// [roles]
    /// normal = { fg = "default", bg = "default" }
    /// tier_critical = { fg = "crit", bold = true }
    /// ```
    /// `fg`/`bg` name a palette entry or a colour (see `ThemeColor`); a role that leaves them out takes
    /// those of `normal`; attributes default to false; roles missing from the file take `normal`'s style.
    /// A syntax error, an unknown key, role, attribute or colour, or a value of the wrong type is an
    /// error naming the file and line. `fileName` names the file in errors; when the file has no
    /// `name`, the theme is named after it (without directory and `.toml`).
    public init(toml: String, fileName: String) throws(ConfigFileError) {
        let document = try TOMLDocument(text: toml, fileName: fileName)
        let root = document.root

        for key in root.keys where !["name", "description", "palette", "roles"].contains(key) {
            throw ConfigFileError(
                file: fileName, line: document.line(ofKey: nil, inTable: key) ?? document.line(ofKey: key, inTable: ""),
                message: "unknown key '\(key)': a theme has name, description, [palette] and [roles]")
        }

        var name = Self.stem(of: fileName)
        if let value = root["name"] {
            guard let string = value.string, !string.isEmpty else {
                throw document.error("name must be a non-empty string", key: "name")
            }
            name = string
        }
        if let value = root["description"], value.string == nil {
            throw document.error("description must be a string", key: "description")
        }

        var palette: [String: ThemeColor] = [:]
        if let value = root["palette"] {
            guard let table = value.table else {
                throw document.error("palette must be a table of named colours, e.g. [palette] accent = \"cyan\"", key: "palette")
            }
            for key in Self.inFileOrder(table.keys, document: document, line: { document.line(ofKey: $0, inTable: "palette") }) {
                guard let entry = table[key], let color = Self.color(entry) else {
                    let shown = table[key].map { $0.tomlValue.debugDescription } ?? "nothing"
                    throw document.error(
                        "palette colour '\(key)' = \(shown) is not a colour (\(Self.colorHelp))", key: key, table: "palette")
                }
                palette[key] = color
            }
        }

        guard let rolesValue = root["roles"] else {
            throw document.error("missing [roles] table (e.g. [roles] tier_critical = { fg = \"red\", bold = true })")
        }
        guard let roles = rolesValue.table else {
            throw document.error("roles must be a table: [roles]", key: "roles")
        }
        let roleLine = { (key: String) -> Int? in
            document.line(ofKey: nil, inTable: "roles.\(key)") ?? document.line(ofKey: key, inTable: "roles")
        }
        func fail(_ message: String, role key: String) -> ConfigFileError {
            ConfigFileError(file: fileName, line: roleLine(key), message: message)
        }

        var parsed: [StyleRole: Style] = [:]
        var normalStyle = Style()
        // `normal` first, since the others inherit its colours.
        let keys = Self.inFileOrder(roles.keys, document: document, line: roleLine)
        for key in keys.filter({ $0 == StyleRole.normal.rawValue }) + keys.filter({ $0 != StyleRole.normal.rawValue }) {
            guard let role = StyleRole(rawValue: key) else {
                let suggestion = Self.closest(to: key, among: StyleRole.allCases.map(\.rawValue)).map { " (did you mean '\($0)'?)" } ?? ""
                throw fail("unknown role '\(key)'\(suggestion)", role: key)
            }
            guard let table = roles[key]?.table else {
                throw fail("role '\(key)' must be a table like { fg = \"red\", bold = true }", role: key)
            }
            var style = Style(foreground: normalStyle.foreground, background: normalStyle.background)
            for attribute in table.keys {
                guard let value = table[attribute] else { continue }
                switch attribute {
                case "fg", "bg":
                    guard let color = value.string.flatMap({ palette[$0] }) ?? Self.color(value) else {
                        throw fail(
                            "role '\(key)': \(attribute) = \(value.tomlValue.debugDescription) is neither a [palette] name nor a colour (\(Self.colorHelp))",
                            role: key)
                    }
                    if attribute == "fg" { style.foreground = color } else { style.background = color }
                case "bold", "underline", "reverse", "dim":
                    guard let flag = value.bool else {
                        throw fail("role '\(key)': \(attribute) must be true or false, not \(value.tomlValue.debugDescription)", role: key)
                    }
                    switch attribute {
                    case "bold": style.bold = flag
                    case "underline": style.underline = flag
                    case "reverse": style.reverse = flag
                    default: style.dim = flag
                    }
                default:
                    throw fail(
                        "role '\(key)': unknown attribute '\(attribute)' (use \(Self.roleAttributes.joined(separator: ", ")))",
                        role: key)
                }
            }
            if role == .normal { normalStyle = style }
            parsed[role] = style
        }
        self.init(name: name, styles: parsed)
    }

    static let colorHelp = "use default, black, red, green, yellow, blue, magenta, cyan, white, bright_<name>, or #0-#255"

    /// A colour literal: a name or "#N"/"colorN" string, or an integer 0...255.
    static func color(_ value: any TOMLValueConvertible) -> ThemeColor? {
        if let string = value.string { return ThemeColor(themeName: string) }
        if let n = value.int, (0...255).contains(n) { return .indexed(n) }
        return nil
    }

    static func stem(of fileName: String) -> String {
        var base = fileName.split(separator: "/").last.map(String.init) ?? fileName
        if base.hasSuffix(".toml") { base.removeLast(5) }
        return base.isEmpty ? fileName : base
    }

    /// Keys sorted by where they stand in the file, so the first problem reported is the first one met.
    private static func inFileOrder(_ keys: [String], document: TOMLDocument, line: (String) -> Int?) -> [String] {
        keys.map { ($0, line($0) ?? Int.max) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
    }

    /// The candidate within edit distance 3 of `word`, for "did you mean" hints.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= 3 }
        return scored.min { $0.1 < $1.1 }?.0
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
