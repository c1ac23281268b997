import CNcurses
import Glibc
import TerminalUI

/// Key events from ncurses (`wget_wch` with a timeout). Also turns a resize, or a resume after
/// Ctrl-Z, into `.key(.resize)`, and a dead terminal (EOF, EIO, hang-up) into `.endOfInput`.
final class CursesInput: InputSource {
    private let screen: CursesScreen
    private var appliedTimeout: Int32 = -2
    private var ended = false

    init(screen: CursesScreen) {
        self.screen = screen
    }

    func next(timeoutMilliseconds: Int) -> InputEvent {
        let timeout = max(0, timeoutMilliseconds)
        if ended {
            // The terminal is gone. An app that keeps asking must still not spin.
            usleep(UInt32(min(timeout, 1000)) * 1000)
            return .endOfInput
        }
        if resumedAfterStop.exchange(false, ordering: .relaxed) { return resized(afterResume: true) }

        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(timeout))
        while true {
            let remaining = Self.milliseconds(from: clock.now, to: deadline)
            setTimeout(Int32(clamping: remaining))
            var character: wint_t = 0
            rr_clear_errno()
            let result = wget_wch(rr_stdscr(), &character)
            let error = rr_errno()

            if result == rr_key_code_yes() {
                if Int32(character) == KEY_RESIZE { return resized(afterResume: false) }
                if let key = Self.decode(keyCode: Int32(character)) { return .key(key) }
                continue                                        // a key we do not use (mouse, Shift-arrows, ...)
            }
            if result == rr_ok() {
                if let key = Self.decode(character: UInt32(character)) { return .key(key) }
                continue
            }

            // ERR: a timeout, an interrupting signal, or a terminal that is gone.
            if pendingTerminationSignal.load(ordering: .relaxed) != 0 { return .timeout }
            if resumedAfterStop.exchange(false, ordering: .relaxed) { return resized(afterResume: true) }
            if error == EIO || rr_input_hung_up(STDIN_FILENO) != 0 {
                ended = true
                return .endOfInput
            }
            let left = Self.milliseconds(from: clock.now, to: deadline)
            if left <= 0 { return .timeout }
            // Back early without a key (a signal ncurses handled): wait on the descriptor for the rest
            // of the timeout rather than calling wget_wch in a tight loop.
            rr_wait_for_input(STDIN_FILENO, Int32(clamping: left))
        }
    }

    var hasInputWaiting: Bool { rr_input_waiting(STDIN_FILENO) != 0 }

    private func setTimeout(_ milliseconds: Int32) {
        if milliseconds != appliedTimeout {
            wtimeout(rr_stdscr(), milliseconds)
            appliedTimeout = milliseconds
        }
    }

    /// After KEY_RESIZE ncurses has already resized stdscr. After a resume it may not know that the
    /// window changed while we were stopped, so ask the kernel and tell ncurses.
    private func resized(afterResume: Bool) -> InputEvent {
        if afterResume {
            var rows: Int32 = 0
            var columns: Int32 = 0
            if rr_window_size(STDOUT_FILENO, &rows, &columns) != 0, rows != rr_lines() || columns != rr_cols() {
                resizeterm(rows, columns)
            }
        }
        screen.syncSize()
        screen.invalidate(clearTerminal: true)
        return .key(.resize)
    }

    private static func milliseconds(from now: ContinuousClock.Instant, to deadline: ContinuousClock.Instant) -> Int {
        let left = now.duration(to: deadline).components
        return max(0, Int(left.seconds) * 1000 + Int(left.attoseconds / 1_000_000_000_000_000))
    }

    /// A character `wget_wch` returned with OK: printable text, or a control character.
    static func decode(character: UInt32) -> Key? {
        switch character {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 0: return .control("@")
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(character + 96))))
        case 28: return .control("\\")
        case 29: return .control("]")
        case 30: return .control("^")
        case 31: return .control("_")
        case 0x80...0x9F: return nil
        default:
            guard let scalar = Unicode.Scalar(character) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// A key code `wget_wch` returned with KEY_CODE_YES.
    static func decode(keyCode: Int32) -> Key? {
        switch keyCode {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME, KEY_A1, KEY_FIND: return .home
        case KEY_END, KEY_C1, KEY_SELECT, KEY_LL: return .end
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case rr_key_f(1)...rr_key_f(63): return .function(Int(keyCode - rr_key_f(0)))
        default: return nil
        }
    }
}
