import GRDB
@testable import Inventory
import Testing

@Suite("Database error messages")
struct ErrorMessageTests {
    @Test func aBusyInventorySaysWhoMayHoldItAndWhatToDo() {
        let message = InventoryStore.describe(DatabaseError(resultCode: .SQLITE_BUSY, message: "database is locked"))
        #expect(message == "database is locked: another process kept it busy for over 10 s (a first import into a new inventory holds it until it ends); try again")
    }

    @Test func aFailedWriteSaysNothingOfItWasWritten() {
        let message = InventoryStore.describe(DatabaseError(resultCode: .SQLITE_FULL, message: "database or disk is full"))
        #expect(message.hasPrefix("database or disk is full (the disk may be full") && message.hasSuffix("nothing of this change was written"))
    }
}
