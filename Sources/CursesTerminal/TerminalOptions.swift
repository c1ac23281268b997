import TerminalUI

/// How to start the terminal: from `--color`, `--ascii` and `--theme`.
public struct TerminalOptions: Sendable {
    public var colorMode: ColorMode
    /// ASCII glyphs even in a UTF-8 locale (`--ascii`).
    public var forceASCII: Bool
    public var theme: Theme
    /// How long ncurses waits after Esc for the rest of an escape sequence (the ncurses default, 1 s,
    /// makes Esc feel broken). 25 ms is plenty on a local terminal and over SSH alike.
    public var escapeDelayMilliseconds: Int

    public init(
        colorMode: ColorMode = .auto, forceASCII: Bool = false, theme: Theme = .builtInDefault,
        escapeDelayMilliseconds: Int = 25
    ) {
        self.colorMode = colorMode
        self.forceASCII = forceASCII
        self.theme = theme
        self.escapeDelayMilliseconds = escapeDelayMilliseconds
    }
}

/// Why the dashboard could not take over the terminal. The terminal is untouched when this is thrown,
/// so the message can simply be printed to stderr.
public enum TerminalStartError: Error, CustomStringConvertible, Equatable {
    /// Standard input or output is not a terminal (piped or redirected).
    case notATerminal
    /// `TERM` is unset or empty.
    case noTerminalType
    /// The terminfo database has no entry for `TERM`.
    case unknownTerminalType(String)
    /// `TERM` names a terminal that cannot drive a full-screen program (e.g. `dumb`: no cursor addressing).
    case unsuitableTerminalType(String)
    /// A terminal session is already running in this process.
    case alreadyStarted

    public var description: String {
        switch self {
        case .notATerminal:
            "the dashboard needs a terminal: standard input and output must not be redirected"
        case .noTerminalType:
            "TERM is not set, so the terminal type is unknown; set it, e.g. TERM=xterm-256color"
        case .unknownTerminalType(let name):
            "unknown terminal type TERM=\(name) (no terminfo entry); "
                + "set TERM to one the system knows, e.g. TERM=xterm-256color (list them with `toe -a`)"
        case .unsuitableTerminalType(let name):
            "the terminal type TERM=\(name) cannot move the cursor, so it cannot show the dashboard; "
                + "run it in a terminal emulator, or set TERM to match yours, e.g. TERM=xterm-256color"
        case .alreadyStarted:
            "the terminal is already in use by this program"
        }
    }
}
