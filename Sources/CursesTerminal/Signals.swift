import CNcurses
import Glibc
import Synchronization

// Signal state lives in globals because a C signal handler cannot capture context. Handlers only
// touch atomics (and, on the way out, endwin: best effort, as htop does).

/// The first termination signal (SIGINT, SIGTERM, SIGHUP, SIGQUIT) received; 0 for none.
let pendingTerminationSignal = Atomic<Int32>(0)
/// Set by SIGCONT: the program was resumed after Ctrl-Z and should redraw.
let resumedAfterStop = Atomic<Bool>(false)
/// ncurses owns the terminal (between newterm and endwin).
let cursesActive = Atomic<Bool>(false)

/// The actions that were installed before our crash handlers, indexed by signal number. Written only
/// while no crash handler is installed, read only by the crash handler.
nonisolated(unsafe) let previousCrashActions: UnsafeMutablePointer<sigaction> = {
    let pointer = UnsafeMutablePointer<sigaction>.allocate(capacity: Int(NSIG))
    pointer.initialize(repeating: sigaction(), count: Int(NSIG))
    return pointer
}()

/// SIGQUIT (Ctrl-\) is here too: its default action would leave the terminal in curses mode.
let terminationSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE, SIGTRAP]

/// Records the first signal for the app loop, which sees it within one input timeout and keeps any
/// open form as a draft on the way out. Only a second Ctrl-C or Ctrl-\ leaves at once (restore, then
/// the default action): someone at the keyboard who sees the loop stuck, say in a long query. A
/// repeated SIGHUP or SIGTERM must not: a dropped link brings two hang-ups (the shell forwards one,
/// the kernel sends another when the shell exits), and systemd follows SIGTERM with SIGHUP, so
/// ending at once there would lose the draft in the commonest case. Nobody types after a hang-up,
/// and whoever sends SIGTERM to a stuck program has SIGKILL (systemd sends it after its timeout).
private func handleTermination(_ signal: Int32) {
    let (isFirst, _) = pendingTerminationSignal.compareExchange(expected: 0, desired: signal, ordering: .relaxed)
    guard !isFirst, signal == SIGINT || signal == SIGQUIT else { return }
    if cursesActive.exchange(false, ordering: .relaxed) { endwin() }
    rr_reraise_default(signal)
}

private func handleContinue(_ signal: Int32) {
    resumedAfterStop.store(true, ordering: .relaxed)
}

/// Restores the terminal, puts back the previous action (the default, or the Swift runtime's
/// backtracer) and lets the crash proceed: a faulting instruction runs again on return and meets
/// that action; a signal sent by kill or abort is raised again.
private func handleCrash(_ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    if cursesActive.exchange(false, ordering: .relaxed) { endwin() }
    rr_restore_handler(signal, previousCrashActions + Int(signal))
    if rr_signal_was_sent(info) != 0 { rr_raise_unblocked(signal) }
}

/// The handlers installed for one terminal session, and what they replaced.
struct InstalledSignalHandlers {
    private var previous: [(Int32, sigaction)] = []

    /// Installs the handlers. A termination signal that is ignored (e.g. SIGHUP under `nohup`) stays
    /// ignored; the input source still notices a dead terminal by EOF/EIO.
    static func install() -> InstalledSignalHandlers {
        var installed = InstalledSignalHandlers()
        for signal in terminationSignals where rr_signal_is_ignored(signal) == 0 {
            var old = sigaction()
            if rr_install_handler(signal, handleTermination, &old) == 0 { installed.previous.append((signal, old)) }
        }
        var old = sigaction()
        if rr_install_handler(SIGCONT, handleContinue, &old) == 0 { installed.previous.append((SIGCONT, old)) }
        for signal in crashSignals {
            if rr_install_crash_handler(signal, handleCrash, previousCrashActions + Int(signal)) == 0 {
                installed.previous.append((signal, previousCrashActions[Int(signal)]))
            }
        }
        return installed
    }

    /// Puts back every action that `install` replaced.
    func restore() {
        for (signal, action) in previous.reversed() {
            var action = action
            rr_restore_handler(signal, &action)
        }
    }
}
