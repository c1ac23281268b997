import Inventory
import RiskModel

/// What every view of one dashboard shares.
final class DashboardContext {
    let store: InventoryStore
    let options: DashboardApp.Options

    init(store: InventoryStore, options: DashboardApp.Options) {
        self.store = store
        self.options = options
    }

    var policy: Policy { store.policy }

    var isReadOnly: Bool { store.readOnlyReason != nil }

    /// A view's keys as this inventory offers them: on a read-only one, those that would change
    /// it are marked off.
    func offered<Command>(_ keys: KeyTable<Command>) -> KeyTable<Command> { keys.offered(readOnly: isReadOnly) }

    /// What `command` says instead of acting when it would change a read-only inventory, or nil
    /// when it may go ahead.
    func refusal<Command>(of command: Command, in keys: KeyTable<Command>) -> Outcome? {
        guard keys.changesInventory(command) else { return nil }
        return store.readOnlyReason.map { .message("Read-only inventory (\($0)): editing, deleting and restoring are off", isError: true) }
    }
}
