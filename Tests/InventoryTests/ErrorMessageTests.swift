import GRDB
@testable import Inventory
import Testing

@Suite("Database error messages")
struct ErrorMessageTests {
    @Test func aBusyInventorySaysWhoMayHoldItAndWhatToDo() {
        let message = InventoryStore.describe(DatabaseError(resultCode: .SQLITE_BUSY, message: "database is locked"))
        #expect(message == "database is locked: another process is writing it (an import holds the inventory until it ends, and a first import into a new inventory keeps even readers out); try again when it has finished")
    }

    @Test func aFailedWriteSaysNothingOfItWasWritten() {
        let message = InventoryStore.describe(DatabaseError(resultCode: .SQLITE_FULL, message: "database or disk is full"))
        #expect(message.hasPrefix("database or disk is full (the disk may be full") && message.hasSuffix("nothing of this change was written"))
    }
}
