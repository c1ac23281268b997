import GRDB
import RiskModel

/// Which systems a list shows and in what order.
public struct InventoryQuery: Hashable, Sendable {
    /// Matched case-insensitively anywhere in name, vendor, site, clinical use or notes.
    public var text: String
    /// Empty means every tier.
    public var tiers: Set<Tier>
    public var sort: SortKey
    public var descending: Bool
    /// The archive (deleted systems) instead of the inventory.
    public var archived: Bool

    public init(text: String = "", tiers: Set<Tier> = [], sort: SortKey = .score, descending: Bool = true, archived: Bool = false) {
        self.text = text
        self.tiers = tiers
        self.sort = sort
        self.descending = descending
        self.archived = archived
    }
}

/// The orders a list can take. Each ends with `id`, so every order is total and paging is exact.
public enum SortKey: String, CaseIterable, Sendable {
    case score, tier, name, vendor, modality, site, id

    /// Columns of the sort, most significant first.
    var columns: [String] {
        switch self {
        case .score: ["risk_score_tenths", "id"]
        case .tier: ["tier_rank", "risk_score_tenths", "id"]
        case .name: ["name", "id"]
        case .vendor: ["vendor", "id"]
        case .modality: ["modality", "id"]
        case .site: ["site", "id"]
        case .id: ["id"]
        }
    }

    /// The order's index holds each system's tier too (migrations v7 and v8), so a tier filter
    /// walking it need not read the rows. Score and tier order have the tier index itself.
    var indexHoldsTier: Bool { [.name, .vendor, .modality, .site, .id].contains(self) }

    /// The values of `columns` for a row already on screen: where the next page starts.
    func position(of row: SystemSummary) -> [DatabaseValue] {
        switch self {
        case .score: [row.scoreTenths.databaseValue, row.id.rawValue.databaseValue]
        case .tier: [row.tier.rawValue.databaseValue, row.scoreTenths.databaseValue, row.id.rawValue.databaseValue]
        case .name: [row.name.databaseValue, row.id.rawValue.databaseValue]
        case .vendor: [row.vendor.databaseValue, row.id.rawValue.databaseValue]
        case .modality: [row.modality.databaseValue, row.id.rawValue.databaseValue]
        case .site: [row.site.databaseValue, row.id.rawValue.databaseValue]
        case .id: [row.id.rawValue.databaseValue]
        }
    }
}
