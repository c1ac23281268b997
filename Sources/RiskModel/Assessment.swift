/// The explained result of scoring one system under one policy.
public struct Assessment: Sendable, Hashable {
    /// The score in tenths (0-1000): integer arithmetic keeps "the score is the sum of the
    /// contributions" exact rather than true within floating-point error.
    public let scoreTenths: Int
    /// The tier the score alone earns.
    public let scoreTier: Tier
    /// The tier after escalation rules.
    public let tier: Tier
    public let contributions: [Contribution]
    /// Rules that fired and raised the tier above `scoreTier`.
    public let escalations: [EscalationRule]
    public let policyVersion: String

    public var score: Double { Double(scoreTenths) / 10 }

    /// One factor's share of the score.
    public struct Contribution: Sendable, Hashable {
        public let factor: Factor
        public let levelIndex: Int
        public let points: Int
        public let weight: Int
        /// weight × points, in tenths of a score point.
        public let tenths: Int

        public var value: Double { Double(tenths) / 10 }
        /// The most this factor could contribute under the policy.
        public var maximumTenths: Int { weight * Policy.maximumPoints }
    }
}

/// A score in tenths written with one decimal, as the export and the screens show it.
public func formatTenths(_ tenths: Int) -> String {
    let sign = tenths < 0 ? "-" : ""
    let magnitude = abs(tenths)
    return "\(sign)\(magnitude / 10).\(magnitude % 10)"
}
