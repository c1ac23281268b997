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
}
