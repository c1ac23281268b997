import Foundation

/// A real terminal for end-to-end tests: tmux on a private socket, driven as a person would,
/// with send-keys, and read with capture-pane.
final class TmuxSession {
    let socket = "radrisk-test-\(UUID().uuidString.prefix(8))"
    let name = "t"
    let directory: String

    /// Starts `command` (run by a non-interactive bash, so a broken tty is not repaired behind our
    /// back) in a `width`x`height` terminal. After the command, the shell records `stty -a` and the
    /// exit status in `directory`, then waits so the pane can still be read.
    init(_ command: String, width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws {
        directory = RadRiskProcess.temporaryDirectory()
        let exports = (["LC_ALL": "C.UTF-8", "TERM": "xterm-256color"].merging(environment) { $1 })
            .map { "export \($0.key)='\($0.value)'" }.joined(separator: "; ")
        let script = "\(exports); \(command); echo $? > '\(directory)/status'; stty -a > '\(directory)/stty'; sleep 60"
        try tmux(["new-session", "-d", "-x", String(width), "-y", String(height), "-s", name, "bash", "-c", script])
    }

    /// Starts an interactive bash without start-up files, as an SSH login gives: the shell owns the
    /// terminal, and when the terminal hangs up it passes the hang-up on to the program it runs.
    init(interactiveShellWidth width: Int = 100, height: Int = 30) throws {
        directory = RadRiskProcess.temporaryDirectory()
        try tmux(["new-session", "-d", "-x", String(width), "-y", String(height), "-s", name,
                  "env", "LC_ALL=C.UTF-8", "TERM=xterm-256color", "bash", "--norc", "-i"])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    /// Closes the terminal under the programs in it, as a dropped SSH link does.
    func hangUp() throws { try tmux(["kill-session", "-t", name]) }

    /// Appends everything the program writes to the terminal, escapes and carriage returns
    /// included, to `path`: what a person saw, even if it was overwritten since.
    func record(to path: String) throws { try tmux(["pipe-pane", "-o", "-t", name, "cat >> '\(path)'"]) }

    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }

    /// Types text literally.
    func type(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", text]) }

    /// The pane's text; `escapes`: with its attributes and colours as escape sequences, and the
    /// spaces at the ends of lines kept (they may be drawn in an attribute).
    func capture(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", name] + (escapes ? ["-e", "-N"] : []))
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// The pid of the program in the pane's shell.
    func programPID() throws -> Int32? {
        let shell = try tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let output = try run("/usr/bin/pgrep", ["-P", shell, "radrisk"])
        return output.split(separator: "\n").first.flatMap { Int32($0) }
    }

    /// Waits until the screen satisfies `condition` (at most `seconds`), returning the last capture.
    /// A capture can land between the writes that draw one frame (a title already there, the rest
    /// not yet), so the screen must also have stopped changing: the same twice, 50 ms apart.
    @discardableResult
    func waitFor(_ seconds: Double = 15, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = ""
        repeat {
            screen = try capture()
            if condition(screen) {
                Thread.sleep(forTimeInterval: 0.05)
                let again = try capture()
                if again == screen { return screen }
                continue
            }
            Thread.sleep(forTimeInterval: 0.1)
        } while Date() < deadline
        return screen
    }

    @discardableResult
    func waitFor(_ text: String, seconds: Double = 15) throws -> String {
        try waitFor(seconds) { $0.contains(text) }
    }

    /// The exit status and `stty -a` recorded after the program ended, once they exist.
    func afterExit(seconds: Double = 15) -> (status: Int32, stty: String)? {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if let status = try? String(contentsOfFile: directory + "/status", encoding: .utf8),
               let stty = try? String(contentsOfFile: directory + "/stty", encoding: .utf8), !stty.isEmpty,
               let code = Int32(status.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return (code, stty)
            }
            Thread.sleep(forTimeInterval: 0.1)
        } while Date() < deadline
        return nil
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        try run("/usr/bin/tmux", ["-L", socket] + arguments)
    }

    /// Runs a command through `system(3)`, output to a file. Foundation's `Process` is avoided here:
    /// the tmux server that `new-session` forks inherits the descriptor `Process` watches for the
    /// child's exit, so waiting on it would last as long as the server.
    @discardableResult
    private func run(_ executable: String, _ arguments: [String]) throws -> String {
        let output = directory + "/command-output"
        let quoted = ([executable] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let command = quoted.joined(separator: " ") + " </dev/null >'\(output)' 2>/dev/null"
        _ = system(command)
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }
}
extension String {
    /// True when `stty -a` shows a terminal in its normal cooked mode.
    var isCookedTerminal: Bool {
        let words = split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init)
        return words.contains("icanon") && words.contains("echo") && !words.contains("-icanon") && !words.contains("-echo")
    }
}
