/// One key press, decoded. Printable text arrives as `.character`, whatever its UTF-8 length.
public enum Key: Hashable, Sendable {
    /// A printable character, including space and multi-byte UTF-8 (e.g. "ã", "桜").
    case character(Character)
    /// Ctrl with a letter, lower-case: `.control("s")` is Ctrl-S. Ctrl-I, Ctrl-M, Ctrl-H and Ctrl-[
    /// arrive as `.tab`, `.enter`, `.backspace` and `.escape`, as the terminal cannot tell them apart.
    case control(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete, insert
    /// F1...F12 (terminals may send higher numbers for shifted function keys).
    case function(Int)
    /// The terminal changed size, or the program was resumed after Ctrl-Z: re-read `Screen.size`
    /// and redraw everything.
    case resize

    /// A short, ASCII-only name for help screens and key hints: "Up", "PgDn", "Ctrl-S", "F2", "Space", "q".
    public var label: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .control(let c): "Ctrl-\(String(c).uppercased())"
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .insert: "Ins"
        case .function(let n): "F\(n)"
        case .resize: "Resize"
        }
    }
}

/// What an input source yields.
public enum InputEvent: Sendable, Equatable {
    case key(Key)
    /// Nothing arrived within the timeout: a chance to check for signals and background work.
    case timeout
    /// The terminal is gone (EOF or EIO, e.g. the SSH link dropped): the app must exit.
    case endOfInput
}

/// Where key events come from: the terminal, or a script in tests.
public protocol InputSource: AnyObject {
    /// Waits at most `timeoutMilliseconds` for the next event.
    func next(timeoutMilliseconds: Int) -> InputEvent
    /// True when input has arrived that `next` has not returned yet: work that can wait gives way
    /// to the person typing. Asked from whichever thread that work runs on.
    var hasInputWaiting: Bool { get }
}
