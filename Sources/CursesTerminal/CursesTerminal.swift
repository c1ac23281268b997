import CNcurses
import Glibc
import TerminalUI

/// The terminal session: ncurses started with `newterm`, a `Screen` and an `InputSource` over it,
/// and the signal handling that guarantees the terminal is restored on every way out.
///
/// The app loop:
/// ```swift
/// let terminal = try CursesTerminal.start(options: options, environment: env)
/// defer { terminal.stop(); terminal.reraisePendingSignal() }
/// loop: while terminal.pendingSignal == nil {
///     switch terminal.input.next(timeoutMilliseconds: 100) {
///     case .endOfInput: break loop
///     case .timeout: continue
///     case .key(.resize): redraw(terminal.screen)        // size changed, or resumed after Ctrl-Z
///     case .key(let key): handle(key); redraw(terminal.screen)
///     }
/// }
/// ```
public final class CursesTerminal {
    private let cursesScreen: CursesScreen
    private let cursesInput: CursesInput
    private let signalHandlers: InstalledSignalHandlers
    private var stopped = false
    private var colorCount: Int
    private var pairCount: Int
    private var defaultColors: Bool

    /// Where screens draw.
    public var screen: any Screen { cursesScreen }
    /// Where keys come from.
    public var input: any InputSource { cursesInput }
    /// Colours are in use (the terminal has them, and neither `--color never` nor `NO_COLOR` said no).
    public let colorsEnabled: Bool
    /// The locale's codeset is UTF-8 (otherwise text is shown in ASCII, other characters as "?").
    public let localeIsUTF8: Bool
    /// The theme in use.
    public private(set) var theme: Theme

    /// SIGINT, SIGTERM, SIGHUP or SIGQUIT arrived: the app loop should stop drawing, call `stop()`, then
    /// `reraisePendingSignal()`. Checked after every input event (the timeout bounds the delay).
    public var pendingSignal: Int32? {
        let signal = pendingTerminationSignal.load(ordering: .relaxed)
        return signal == 0 ? nil : signal
    }

    /// Takes over the terminal: `setlocale(LC_ALL, "")`, `newterm` for `environment["TERM"]` (an
    /// unknown type is an error, not an abort), cbreak, no echo, keypad, the Esc delay, no mouse,
    /// hidden cursor; colours if the terminal has them and `options.colorMode` and `NO_COLOR` allow;
    /// ASCII glyphs if the locale is not UTF-8 or `options.forceASCII`.
    /// On error nothing has changed and the message can be printed as is.
    public static func start(options: TerminalOptions, environment: [String: String]) throws(TerminalStartError) -> CursesTerminal {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        guard !cursesActive.load(ordering: .relaxed) else { throw .alreadyStarted }
        guard let termType = environment["TERM"], !termType.isEmpty else { throw .noTerminalType }

        setlocale(LC_ALL, "")
        let utf8 = rr_locale_is_utf8() != 0

        // Handlers first: ncurses then leaves SIGINT/SIGTERM to us (it only replaces default actions)
        // and still installs its own SIGTSTP (Ctrl-Z) and SIGWINCH (resize) handlers.
        let handlers = InstalledSignalHandlers.install()
        guard let session = newterm(termType, rr_stdout(), rr_stdin()) else {
            handlers.restore()
            throw .unknownTerminalType(termType)
        }
        set_term(session)
        guard rr_has_cursor_addressing() != 0 else {
            endwin()
            delscreen(session)
            handlers.restore()
            throw .unsuitableTerminalType(termType)
        }
        cursesActive.store(true, ordering: .relaxed)

        cbreak()                        // keys at once; Ctrl-C still sends SIGINT (raw() would not)
        noecho()
        nonl()
        intrflush(rr_stdscr(), false)
        keypad(rr_stdscr(), true)
        meta(rr_stdscr(), true)
        rr_pass_control_keys(STDIN_FILENO)  // Ctrl-S (save) must not freeze output as XOFF
        def_prog_mode()
        set_escdelay(Int32(clamping: options.escapeDelayMilliseconds))
        mousemask(0, nil)               // mouse off: the terminal's own selection and paste keep working
        curs_set(0)

        let colors = options.colorMode.allowsColor(terminalHasColors: has_colors(), environment: environment)
        var defaultColors = false
        if colors {
            start_color()
            defaultColors = use_default_colors() == rr_ok()
        }
        let terminal = CursesTerminal(
            screen: CursesScreen(
                glyphs: .forTerminal(localeIsUTF8: utf8, forceASCII: options.forceASCII),
                styles: StyleTable(theme: options.theme, colors: false, colorCount: 0, pairCount: 0, defaultColors: false),
                asciiOnly: !utf8),
            handlers: handlers, theme: options.theme, colorsEnabled: colors, localeIsUTF8: utf8,
            colorCount: colors ? Int(rr_colors()) : 0, pairCount: colors ? Int(rr_color_pairs()) : 0,
            defaultColors: defaultColors)
        terminal.apply(theme: options.theme)
        return terminal
    }

    private init(
        screen: CursesScreen, handlers: InstalledSignalHandlers, theme: Theme, colorsEnabled: Bool,
        localeIsUTF8: Bool, colorCount: Int, pairCount: Int, defaultColors: Bool
    ) {
        cursesScreen = screen
        cursesInput = CursesInput(screen: screen)
        signalHandlers = handlers
        self.theme = theme
        self.colorsEnabled = colorsEnabled
        self.localeIsUTF8 = localeIsUTF8
        self.colorCount = colorCount
        self.pairCount = pairCount
        self.defaultColors = defaultColors
    }

    deinit {
        stop()
    }

    /// Switches to another theme; the next `present()` repaints the whole screen.
    public func apply(theme: Theme) {
        guard !stopped else { return }
        self.theme = theme
        let styles = StyleTable(
            theme: theme, colors: colorsEnabled, colorCount: colorCount, pairCount: pairCount, defaultColors: defaultColors)
        cursesScreen.styles = styles
        let normal = styles[.normal]
        wbkgdset(rr_stdscr(), chtype(normal.attributes) | chtype(COLOR_PAIR(Int32(normal.pair))))
        cursesScreen.invalidate(clearTerminal: false)
    }

    /// Gives the terminal back as it was (endwin: normal screen, cursor, echo and line mode) and puts
    /// back the signal actions. Idempotent; call it on every way out.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        if cursesActive.exchange(false, ordering: .relaxed) {
            curs_set(1)
            endwin()
        }
        signalHandlers.restore()
    }

    /// After `stop()`: if a termination signal was the reason to leave, ends the process the way that
    /// signal would have (default action, re-raised), so the parent sees 128+N. Returns otherwise.
    public func reraisePendingSignal() {
        guard let signal = pendingSignal else { return }
        stop()
        rr_reraise_default(signal)
        exit(128 + signal)                      // only if the signal somehow did not end the process
    }
}
