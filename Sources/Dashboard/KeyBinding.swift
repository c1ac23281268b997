import TerminalUI

/// One action of a screen, declared once: the keys that trigger it, the help line, and the short
/// hint the status line shows. Help screens and hints are generated from these tables, so they
/// cannot drift from what the keys do.
struct KeyBinding<Command: Hashable & Sendable>: Sendable {
    let command: Command
    let keys: [Key]
    let help: String
    /// Shown in the status line when set (keep it to a word or two).
    let hint: String?

    init(_ command: Command, _ keys: [Key], _ help: String, hint: String? = nil) {
        self.command = command
        self.keys = keys
        self.help = help
        self.hint = hint
    }

    var keyLabel: String { keys.map(\.label).joined(separator: " ") }

    /// The status line names a run of digit keys by its ends ("1-4"), otherwise the first key.
    var hintKeyLabel: String {
        let digits = keys.allSatisfy { if case .character(let c) = $0 { c.isNumber } else { false } }
        return digits && keys.count > 2 ? "\(keys.first!.label)-\(keys.last!.label)" : keys.first!.label
    }
}

/// A screen's key table.
struct KeyTable<Command: Hashable & Sendable>: Sendable {
    let bindings: [KeyBinding<Command>]

    init(_ bindings: [KeyBinding<Command>]) { self.bindings = bindings }

    func command(for key: Key) -> Command? {
        bindings.first { $0.keys.contains(key) }?.command
    }

    var helpLines: [HelpLine] { bindings.map { HelpLine(keys: $0.keyLabel, text: $0.help) } }

    var hints: [HelpLine] {
        bindings.compactMap { binding in binding.hint.map { HelpLine(keys: binding.hintKeyLabel, text: $0) } }
    }
}

/// A key and what it does, as the help screen and the status line show it.
struct HelpLine: Hashable, Sendable {
    let keys: String
    let text: String
}

extension Key {
    static func char(_ character: Character) -> Key { .character(character) }
}
