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

    /// What an edit key says on a read-only inventory, or nil when editing is possible.
    var editingRefusal: Outcome? {
        store.readOnlyReason.map { .message("Read-only inventory (\($0)): editing, deleting and restoring are off", isError: true) }
    }
}
