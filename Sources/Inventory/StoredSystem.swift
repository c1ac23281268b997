import RiskModel

/// A system as the inventory holds it: the contract's fields plus bookkeeping.
public struct StoredSystem: Sendable, Hashable {
    public var system: ImagingSystem
    /// Incremented on every change; an edit saves only against the version it was opened at.
    public var version: Int
    public var createdAt: String
    public var updatedAt: String
    public var updatedBy: String
    /// When the system was deleted (archived); nil while it is in the inventory.
    public var archivedAt: String?
}

/// One line of the inventory list: what a screen or `radrisk list` shows without reading a whole row.
public struct SystemSummary: Sendable, Hashable {
    public let id: SystemID
    public let name: String
    public let vendor: String
    public let modality: String
    public let site: String
    public let scoreTenths: Int
    public let tier: Tier
}
