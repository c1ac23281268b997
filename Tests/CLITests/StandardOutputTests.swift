import Foundation
import Testing

/// Every command's standard output failing: the command says so and exits 74, rather than
/// losing what it printed and reporting success.
@Suite("Standard output failures")
struct StandardOutputTests {
    static let commands: [[String]] = [
        ["policy"], ["policy", "--check", "POLICY"], ["audit", "verify"], ["audit", "list"], ["import", "INVENTORY"],
        ["edit", "NHP-CXR-001", "--set", "notes=checked"], ["init"], ["list"], ["show", "NHP-CXR-001"], ["export"],
        ["score", "INVENTORY"],
    ]

    /// `> /dev/full` fails each write; `>&-` leaves no standard output at all.
    static let redirections = [("> /dev/full", "No space left on device"), (">&-", "Bad file descriptor")]

    @Test(arguments: commands)
    func aFailedWriteExits74SayingWhy(command: [String]) throws {
        let directory = RadRiskProcess.temporaryDirectory()
        let database = directory + "/inventory.sqlite"
        #expect(try RadRiskProcess.run(["import", RadRiskProcess.sample("inventory.csv"), "--db", database]).status == 0)
        let policy = directory + "/policy.toml"
        try RadRiskProcess.run(["policy"]).stdout.write(toFile: policy, atomically: true, encoding: .utf8)
        let arguments = command.map { $0 == "POLICY" ? policy : $0 == "INVENTORY" ? RadRiskProcess.sample("inventory.csv") : $0 }
            + (command[0] == "policy" || command[0] == "score" ? [] : ["--db", database])
        for (redirection, reason) in Self.redirections {
            let result = try RadRiskProcess.run(["-c", "exec \"$0\" \"$@\" \(redirection)", RadRiskProcess.executable.path] + arguments, shell: true)
            #expect(result.status == 74, "\(command) \(redirection): \(result.stderr)")
            #expect(result.stderr.contains("radrisk: standard output: \(reason)"), "\(command) \(redirection): \(result.stderr)")
        }
    }
}
