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
    /// The action changes the inventory, so a read-only one turns it off.
    let changesInventory: Bool

    init(_ command: Command, _ keys: [Key], _ help: String, hint: String? = nil, changesInventory: Bool = false) {
        self.command = command
        self.keys = keys
        self.help = help
        self.hint = hint
        self.changesInventory = changesInventory
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

    func changesInventory(_ command: Command) -> Bool {
        bindings.contains { $0.command == command && $0.changesInventory }
    }

    /// The table as an inventory that may or may not be changed offers it: on a read-only one,
    /// actions that would change it lose their status-line hint and say in help that they are off.
    func offered(readOnly: Bool) -> KeyTable {
        guard readOnly else { return self }
        return KeyTable(bindings.map { binding in
            guard binding.changesInventory else { return binding }
            return KeyBinding(binding.command, binding.keys, binding.help + " (off: read-only)", changesInventory: true)
        })
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
