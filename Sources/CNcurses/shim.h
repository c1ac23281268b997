// The one C surface RadRisk sees: ncursesw (wide-character API) plus the few libc calls the terminal
// session needs. A system-library target cannot compile C, so every helper here is `static inline`,
// covering what Swift cannot import: macros (A_*, KEY_F, getmaxyx), C globals that Swift 6 rejects
// as not concurrency-safe (stdscr, COLORS, stdin/stdout), and variadic or pointer-heavy calls.
#ifndef RADRISK_CNCURSES_SHIM_H
#define RADRISK_CNCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

// MARK: globals

static inline WINDOW *rr_stdscr(void) { return stdscr; }
static inline WINDOW *rr_curscr(void) { return curscr; }
static inline int rr_colors(void) { return COLORS; }
static inline int rr_color_pairs(void) { return COLOR_PAIRS; }
static inline int rr_lines(void) { return getmaxy(stdscr); }
static inline int rr_cols(void) { return getmaxx(stdscr); }
static inline FILE *rr_stdin(void) { return stdin; }
static inline FILE *rr_stdout(void) { return stdout; }
static inline int rr_errno(void) { return errno; }
static inline void rr_clear_errno(void) { errno = 0; }

// MARK: attributes and keys

static inline attr_t rr_attr_bold(void) { return WA_BOLD; }
static inline attr_t rr_attr_underline(void) { return WA_UNDERLINE; }
static inline attr_t rr_attr_reverse(void) { return WA_REVERSE; }
static inline attr_t rr_attr_dim(void) { return WA_DIM; }
static inline int rr_key_f(int n) { return KEY_F(n); }
static inline int rr_key_code_yes(void) { return KEY_CODE_YES; }
static inline int rr_err(void) { return ERR; }
static inline int rr_ok(void) { return OK; }

// MARK: drawing

/// Writes one cell: a spacing character and up to four combining marks (`count` wchar_t in all),
/// with attributes and colour pair, at (y, x) of stdscr. Returns ERR when ncurses refuses the
/// character (the caller then writes a replacement).
static inline int rr_put_cell(int y, int x, const wchar_t *text, int count, attr_t attrs, short pair) {
    wchar_t chars[CCHARW_MAX + 1];
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    for (int i = 0; i < n; i++) chars[i] = text[i];
    chars[n] = L'\0';
    cchar_t cell;
    if (setcchar(&cell, chars, attrs, pair, NULL) == ERR) return ERR;
    // Writing the bottom-right cell returns ERR (the cursor cannot advance) although the cell is
    // drawn; callers ignore the result for that cell.
    return mvwadd_wch(stdscr, y, x, &cell);
}

// MARK: terminal and input

/// The locale's codeset is UTF-8 (call after setlocale).
static inline int rr_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

/// The terminal type can move the cursor (has `cup`): a "dumb" or hardcopy type cannot run a
/// full-screen program. Call after newterm.
static inline int rr_has_cursor_addressing(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

/// The window size the kernel reports for `fd`, or 0 when it cannot say.
static inline int rr_window_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return 0;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 1;
}

/// Lets Ctrl-S, Ctrl-Q and Ctrl-V reach the program as keys: turns off XON/XOFF flow control and
/// the extended input processing (IEXTEN, for Ctrl-V literal-next) that cbreak() leaves on. Keeps
/// ISIG, so Ctrl-C and Ctrl-Z still send signals. Call def_prog_mode() afterwards so ncurses keeps
/// these settings across Ctrl-Z; endwin() restores the shell's.
static inline int rr_pass_control_keys(int fd) {
    struct termios t;
    if (tcgetattr(fd, &t) != 0) return -1;
    t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
    t.c_lflag &= ~(tcflag_t)IEXTEN;
    return tcsetattr(fd, TCSANOW, &t);
}

/// Whether input on `fd` is gone for good: the other end hung up (POLLHUP/POLLERR/POLLNVAL), or the
/// descriptor polls readable with nothing to read (end of file). Does not wait.
static inline int rr_input_hung_up(int fd) {
    struct pollfd p = { .fd = fd, .events = POLLIN, .revents = 0 };
    int r = poll(&p, 1, 0);
    if (r < 0) return errno == EINTR ? 0 : 1;
    if (r == 0) return 0;
    if (p.revents & (POLLHUP | POLLERR | POLLNVAL)) return 1;
    if (p.revents & POLLIN) {
        int available = 0;
        if (ioctl(fd, FIONREAD, &available) != 0) return errno == EIO;
        return available == 0;
    }
    return 0;
}

/// Waits up to `milliseconds` for input on `fd` (or a signal); never spins.
static inline void rr_wait_for_input(int fd, int milliseconds) {
    struct pollfd p = { .fd = fd, .events = POLLIN, .revents = 0 };
    (void)poll(&p, 1, milliseconds);
}

/// 1 when bytes are waiting to be read on `fd`. Does not wait; safe from any thread. ncurses
/// reads a key's bytes as it decodes it, so bytes still here are keys not yet returned.
static inline int rr_input_waiting(int fd) {
    struct pollfd p = { .fd = fd, .events = POLLIN, .revents = 0 };
    if (poll(&p, 1, 0) <= 0 || !(p.revents & POLLIN)) return 0;
    int available = 0;
    return ioctl(fd, FIONREAD, &available) == 0 && available > 0;
}

// MARK: signals

typedef void (*rr_signal_handler)(int);

/// Installs `handler` for `sig` without SA_RESTART (so a blocking read returns EINTR and the app
/// loop gets to check its flag), saving the previous action in `previous` when not NULL.
static inline int rr_install_handler(int sig, rr_signal_handler handler, struct sigaction *previous) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    return sigaction(sig, &action, previous);
}

typedef void (*rr_siginfo_handler)(int, siginfo_t *, void *);

/// Installs a crash handler (SA_SIGINFO, so it can tell a real fault from a `kill`), saving the
/// previous action in `previous`.
static inline int rr_install_crash_handler(int sig, rr_siginfo_handler handler, struct sigaction *previous) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_SIGINFO;
    return sigaction(sig, &action, previous);
}

/// The signal was sent by a process (kill, raise, abort) rather than raised by a faulting instruction.
static inline int rr_signal_was_sent(const siginfo_t *info) {
    return info == NULL || info->si_code <= 0;
}

/// Restores an action saved by rr_install_handler.
static inline int rr_restore_handler(int sig, const struct sigaction *previous) {
    return sigaction(sig, previous, NULL);
}

/// The current action of `sig` ignores the signal (e.g. SIGHUP under nohup).
static inline int rr_signal_is_ignored(int sig) {
    struct sigaction current;
    if (sigaction(sig, NULL, &current) != 0) return 0;
    return !(current.sa_flags & SA_SIGINFO) && current.sa_handler == SIG_IGN;
}

/// Puts back the default action of `sig`, unblocks it and raises it: the process ends the way the
/// signal would have ended it, so the parent sees 128+N.
static inline void rr_reraise_default(int sig) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    sigaction(sig, &action, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
}

/// Unblocks `sig` and raises it with whatever action is now installed (used to pass a crash on to
/// the handler that was there before ours, e.g. the Swift runtime's backtracer).
static inline void rr_raise_unblocked(int sig) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
}

#endif
