import Glibc

/// Where the inventory lives when no `--db` is given: `$RADRISK_DB`, else
/// `$XDG_DATA_HOME/radrisk/inventory.sqlite`, else `~/.local/share/radrisk/inventory.sqlite`.
public enum DatabaseLocation {
    public static func defaultPath(environment: [String: String]) -> String {
        if let explicit = environment["RADRISK_DB"], !explicit.isEmpty { return explicit }
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = xdg
        } else {
            dataHome = (environment["HOME"] ?? homeDirectory()) + "/.local/share"
        }
        return dataHome + "/radrisk/inventory.sqlite"
    }

    private static func homeDirectory() -> String {
        guard let entry = getpwuid(geteuid()), let directory = entry.pointee.pw_dir else { return "." }
        return String(cString: directory)
    }
}
