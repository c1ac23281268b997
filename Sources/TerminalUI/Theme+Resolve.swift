import ConfigFiles
import Foundation

extension Theme {
    /// Finds and loads the theme for `--theme NAME` or `--theme PATH.toml`.
    ///
    /// A value ending in `.toml` or containing `/` is a path, used as given. A name is looked up as
    /// `NAME.toml` in the user's directory (`$XDG_CONFIG_HOME/radrisk/themes`, by default
    /// `~/.config/radrisk/themes`), then in each of `bundledDirectories`; the first file found is the
    /// theme (a broken user file is reported, not skipped). `default` with no file found anywhere is
    /// `builtInDefault`. On failure the caller shows the error and falls back to `builtInDefault`.
    public static func resolve(
        _ nameOrPath: String, environment: [String: String], bundledDirectories: [String]
    ) -> Result<Theme, ConfigFileError> {
        if nameOrPath.hasSuffix(".toml") || nameOrPath.contains("/") {
            return load(path: nameOrPath)
        }
        guard !nameOrPath.isEmpty, nameOrPath.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            return .failure(ConfigFileError(
                file: nameOrPath, line: nil,
                message: "not a theme name (letters, digits, - and _) nor a path to a .toml file"))
        }
        for directory in searchDirectories(environment: environment, bundledDirectories: bundledDirectories) {
            let path = (directory as NSString).appendingPathComponent(nameOrPath + ".toml")
            if FileManager.default.fileExists(atPath: path) { return load(path: path) }
        }
        if nameOrPath == builtInDefault.name { return .success(builtInDefault) }
        let available = availableNames(environment: environment, bundledDirectories: bundledDirectories)
        return .failure(ConfigFileError(
            file: nameOrPath, line: nil,
            message: "no such theme; available: \(available.joined(separator: ", ")) (or a path to a .toml file)"))
    }

    /// The names `--theme` accepts: every `*.toml` in the user's and the bundled directories, and
    /// `default`; sorted, without repeats.
    public static func availableNames(environment: [String: String], bundledDirectories: [String]) -> [String] {
        var names: Set<String> = [builtInDefault.name]
        for directory in searchDirectories(environment: environment, bundledDirectories: bundledDirectories) {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files where file.hasSuffix(".toml") && !file.hasPrefix(".") {
                names.insert(String(file.dropLast(5)))
            }
        }
        return names.sorted()
    }

    /// Where a user's own themes live: `$XDG_CONFIG_HOME/radrisk/themes` when that variable holds an
    /// absolute path, else `$HOME/.config/radrisk/themes`; nil without either.
    public static func userThemeDirectory(environment: [String: String]) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return config + "/radrisk/themes"
        }
        if let home = environment["HOME"], !home.isEmpty {
            return home + "/.config/radrisk/themes"
        }
        return nil
    }

    /// Reads and parses one theme file.
    public static func load(path: String) -> Result<Theme, ConfigFileError> {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file"
            return .failure(ConfigFileError(file: path, line: nil, message: "cannot open theme: \(reason)"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(ConfigFileError(file: path, line: nil, message: "theme file is not UTF-8 text"))
        }
        return Result { () throws(ConfigFileError) in try Theme(toml: text, fileName: path) }
    }

    private static func searchDirectories(environment: [String: String], bundledDirectories: [String]) -> [String] {
        (userThemeDirectory(environment: environment).map { [$0] } ?? []) + bundledDirectories
    }
}
