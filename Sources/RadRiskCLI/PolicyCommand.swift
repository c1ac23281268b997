import ArgumentParser
import InventoryFiles
import RiskModel

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Print the built-in scoring policy (TOML), or check a policy file.",
        discussion: """
            Example:
              radrisk policy > hospital-policy.toml     # then edit, and:
              radrisk policy --check hospital-policy.toml
              radrisk score inventory.csv --policy hospital-policy.toml
            """)

    @Option(name: .long, help: ArgumentHelp("Check this policy file and report the first problem.", valueName: "file"))
    var check: String?

    func run() throws {
        try running {
            guard let check else {
                try StandardOutput.writeLine(Policy.defaultTOML)
                return
            }
            let policy = try PolicyOptions.parse(["--policy", check]).load()
            try StandardOutput.writeLine("\(Printable.escaped(check)): valid policy \(Printable.escaped(policy.version))")
        }
    }
}
