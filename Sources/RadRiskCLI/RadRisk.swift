import ArgumentParser
import Glibc

@main
struct RadRisk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "radrisk",
        abstract: "Privacy-risk inventory of a hospital's imaging-AI systems.",
        discussion: """
            Scores every deployed system with a transparent risk model and keeps the inventory in a \
            local SQLite database. Data lives in $RADRISK_DB, else $XDG_DATA_HOME/radrisk/inventory.sqlite \
            (~/.local/share/radrisk/inventory.sqlite).

            Exit status: 0 success, 64 bad usage, 65 invalid data, 66 input file missing or unreadable, \
            74 I/O or database error.
            """,
        version: "0.1.0",
        subcommands: [
            OpenCommand.self, DemoCommand.self, InitCommand.self, ScoreCommand.self, ImportCommand.self, ExportCommand.self, ListCommand.self, ShowCommand.self,
            EditCommand.self, RestoreCommand.self, AuditCommand.self, PolicyCommand.self,
        ],
        defaultSubcommand: OpenCommand.self)

    static func main() {
        // A file-size limit (ulimit -f) must make the write fail, which SQLite reports and rolls
        // back, rather than kill the process with SIGXFSZ.
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch where Self.exitCode(for: error) == .success {
            printRequested(error)
        } catch {
            // argument-parser would print its message as it stands, quoting the value given.
            let message = fullMessage(for: error)
            if !message.isEmpty { printError(message) }
            Glibc.exit(Self.exitCode(for: error).rawValue)
        }
    }

    /// Help, the version and completion scripts, which argument-parser would `print` (losing a
    /// failed write, and exiting 0), go through standard output like every command's data.
    private static func printRequested(_ request: any Error) {
        let text = fullMessage(for: request)
        guard !text.isEmpty else { return }
        do {
            try running { try StandardOutput.writeLine(text) }
        } catch {
            exit(withError: error)
        }
    }
}
