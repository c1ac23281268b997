import ArgumentParser
import Glibc
import Inventory
import InventoryFiles

/// The exit statuses of sysexits(3) that scripts can rely on.
enum ExitStatus {
    static let invalidData = ExitCode(65)
    static let inputMissing = ExitCode(66)
    static let ioError = ExitCode(74)
}

/// Writes a line to standard error (unbuffered, so it interleaves correctly with the data). A
/// message may quote a path or a value from anywhere, so control characters are shown escaped,
/// line by line: a terminal must not take them for commands.
func printError(_ message: String) {
    let shown = message.split(separator: "\n", omittingEmptySubsequences: false)
        .map { Printable.controlsEscaped(String($0)) }.joined(separator: "\n")
    try? FileByteSink(descriptor: STDERR_FILENO, path: "standard error").writeLine(shown)
}

/// Prints `radrisk: message` to standard error and exits with `status`.
func fail(_ message: String, _ status: ExitCode) -> ExitCode {
    printError("radrisk: \(message)")
    return status
}

/// Maps the library's errors to messages and exit statuses, in one place.
func exitCode(for error: any Error) -> ExitCode {
    switch error {
    case let error as ExitCode: return error
    case let error as FileAccessError:
        return fail(error.description, error.access == .reading ? ExitStatus.inputMissing : ExitStatus.ioError)
    case let error as InventoryError:
        switch error {
        case .database, .readOnly: return fail(error.description, ExitStatus.ioError)
        case .notFound, .duplicateID, .conflict, .invalidSystem, .archived, .notArchived, .auditTrailBroken, .rescoredElsewhere:
            return fail(error.description, ExitStatus.invalidData)
        case .unknownAuditEntry: return fail(error.description, ExitCode.validationFailure)
        }
    default: return fail("\(error)", ExitStatus.ioError)
    }
}

/// Runs a command body, turning any error into its message and exit status.
func running(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch {
        throw exitCode(for: error)
    }
}
