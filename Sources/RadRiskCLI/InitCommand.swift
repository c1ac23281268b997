import ArgumentParser
import Glibc
import Inventory
import InventoryFiles
import RiskModel

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an inventory: private to you, or shared with a review team's group.",
        discussion: """
            Without --group the database is readable by you only (0600, directory 0700). With \
            --group, the directory belongs to the group with mode 2770 (files created in it keep \
            the group) and the database is 0660, so every member can open it; each change is still \
            recorded against the member who made it.

            Example:
              sudo radrisk init --db /srv/radrisk/inventory.sqlite \\
                  --group radiology-ai-review
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: ArgumentHelp("Share the inventory with this group.", valueName: "name"))
    var group: String?

    func run() throws {
        try running {
            if let group {
                guard getgrnam(group) != nil else {
                    throw fail("no group named '\(Printable.escaped(group))'; `getent group` lists them, `groupadd` makes one", ExitCode.validationFailure)
                }
                try InventoryStore.initialiseShared(path: database.path, group: group, policy: .standard)
                try StandardOutput.writeSummary("\(database.path): inventory shared with group \(group)", of: "the inventory was set up")
            } else {
                _ = try database.openStore(policy: nil, creating: true)
                try StandardOutput.writeSummary("\(database.path): inventory ready", of: "the inventory was set up")
            }
        }
    }
}
