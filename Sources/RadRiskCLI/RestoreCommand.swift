import ArgumentParser
import Inventory
import InventoryFiles
import RiskModel

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Bring a deleted (archived) system back into the inventory.",
        discussion: """
            Deleting a system archives it: it leaves lists and exports but keeps its record and \
            history. `radrisk list --archived` shows the archive.

            Example:
              radrisk restore NHP-CT-011
            """)

    @Argument(help: "The system's id.")
    var id: String

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try running {
            guard let systemID = SystemID(id) else {
                throw fail("'\(Printable.escaped(id))' is not a system id (\(SystemID.allowedDescription))", ExitStatus.invalidData)
            }
            try database.openStore(policy: nil).restore(id: systemID)
            try StandardOutput.writeSummary("\(systemID): restored", of: "the restore was saved")
        }
    }
}
