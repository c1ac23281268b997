import Foundation
import Inventory
import RiskModel
import Testing

/// An inventory path that is not a regular file is refused naming what is there, before anything
/// is touched; SQLite itself would say only "disk I/O error", and /dev/null's mode would be taken
/// for a world-writable inventory.
@Suite("Inventory paths that are not files", .timeLimit(.minutes(1)))
struct DatabasePathTests {
    enum Kind: CaseIterable {
        case directory, fifo, device

        /// A path of this kind beside `database`, and how the refusal names it.
        func make(beside database: String) -> (path: String, shown: String) {
            switch self {
            case .directory: return (URL(fileURLWithPath: database).deletingLastPathComponent().path, "a directory")
            case .fifo:
                #expect(mkfifo(database, 0o600) == 0)
                return (database, "a FIFO (named pipe)")
            case .device: return ("/dev/null", "a device")
            }
        }
    }

    @Test(arguments: Kind.allCases)
    func isRefusedNamingWhatIsThere(kind: Kind) throws {
        let (path, shown) = kind.make(beside: temporaryDatabasePath())
        for readOnly in [false, true] {
            #expect(throws: InventoryError.database(
                path: path,
                reason: "is \(shown), not a regular file; an inventory is a SQLite database file: give the path of one, or of a new file to create")
            ) {
                _ = try InventoryStore(path: path, policy: .standard, readOnly: readOnly)
            }
        }
    }

    @Test func sharingGivesOnlyADirectoryThatHoldsNothingButTheInventory() throws {
        let path = temporaryDatabasePath()
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let group = String(cString: getgrgid(getgid()).pointee.gr_name)
        try "not the team's".write(toFile: directory + "/notes.txt", atomically: false, encoding: .utf8)
        let before = try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions] as? Int
        #expect(throws: InventoryError.database(
            path: directory,
            reason: "holds other files (such as 'notes.txt'), and `init --group` gives the whole directory to the group: "
                + "put the inventory in a directory of its own, such as \(directory)/radrisk/inventory.sqlite")
        ) {
            try InventoryStore.initialiseShared(path: path, group: group, policy: .standard)
        }
        #expect(try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions] as? Int == before)
        #expect(!FileManager.default.fileExists(atPath: path))
        try FileManager.default.removeItem(atPath: directory + "/notes.txt")
        try InventoryStore.initialiseShared(path: path, group: group, policy: .standard)
        // Set up once, it is the group's: the inventory's own files there do not stop a second run.
        try InventoryStore.initialiseShared(path: path, group: group, policy: .standard)
        #expect(try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions] as? Int == 0o2770)
    }

    @Test func sharingRefusesBeforeGivingTheDirectoryToTheGroup() throws {
        let (path, _) = Kind.fifo.make(beside: temporaryDatabasePath())
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let before = try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions] as? Int
        let group = String(cString: getgrgid(getgid()).pointee.gr_name)
        #expect(throws: InventoryError.self) { try InventoryStore.initialiseShared(path: path, group: group, policy: .standard) }
        #expect(try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions] as? Int == before)
    }
}
