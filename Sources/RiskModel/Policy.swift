/// A scoring policy: the weight of each factor, the risk points (0 best to 10 worst) of each of
/// its levels, the tier thresholds and the escalation rules.
///
/// A `Policy` can only be made valid: the loader refuses any file whose values would break the
/// model's guarantees (weights summing to 100, points that never fall as a level gets riskier,
/// `unknown` never scored better than the median known level).
public struct Policy: Sendable {
    public let version: String
    /// Weights indexed by `Factor.rawValue`; they sum to 100.
    public let weights: [Int]
    /// Points indexed by `Factor.rawValue`, then by the level's index in `Factor.levelTokens`.
    public let points: [[Int]]
    /// Points added to vendor sharing when anything may be shared, indexed by `VendorTrainingUse`.
    public let trainingRaise: [Int]
    /// Lowest score (in tenths) of moderate, high and critical.
    public let tierThresholdTenths: [Int]
    public let escalations: [EscalationRule]
    /// The TOML it was read from, so that an inventory can keep the policy it is scored with.
    public let sourceText: String

    public static let maximumPoints = 10
    public static let totalWeight = 100

    public func weight(of factor: Factor) -> Int { weights[factor.rawValue] }

    public func points(of factor: Factor, levelIndex: Int) -> Int { points[factor.rawValue][levelIndex] }

    /// The tier a score in tenths earns before escalation.
    public func tier(forTenths tenths: Int) -> Tier {
        var tier = Tier.low
        for (index, threshold) in tierThresholdTenths.enumerated() where tenths >= threshold {
            tier = Tier(rawValue: index + 1)!
        }
        return tier
    }
}

extension Policy: Equatable {
    /// Equal when they score and explain alike: a file's comments and layout do not count.
    public static func == (left: Policy, right: Policy) -> Bool {
        left.version == right.version && left.weights == right.weights && left.points == right.points
            && left.trainingRaise == right.trainingRaise && left.tierThresholdTenths == right.tierThresholdTenths
            && left.escalations == right.escalations
    }
}

/// A named rule that raises the tier when every condition holds. A condition holds when the
/// factor's level scores at least as many points as the named level: so `unknown`, scored near the
/// worst, trips a rule where the policy says it is as risky as the named level, and improving any
/// factor can only ever switch a rule off.
public struct EscalationRule: Sendable, Hashable {
    public struct Condition: Sendable, Hashable {
        public let factor: Factor
        public let levelIndex: Int
        public var levelToken: String { factor.levelTokens[levelIndex] }
    }

    public let name: String
    public let raiseTo: Tier
    public let reason: String
    public let regulation: String
    public let conditions: [Condition]
}
