/// A path as an officer types it into a prompt, its start read as a shell reads it: `~` alone, or
/// `~/` before the rest, is the home directory. A `~` anywhere else is part of a name.
enum TypedPath {
    static func expanded(_ typed: String, home: String) -> String {
        guard typed == "~" || typed.hasPrefix("~/") else { return typed }
        var home = home
        while home.hasSuffix("/") { home.removeLast() }
        let rest = typed.dropFirst()
        return rest.isEmpty && home.isEmpty ? "/" : home + rest
    }
}
