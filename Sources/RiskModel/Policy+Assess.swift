extension Policy {
    /// Scores a profile. Pure and deterministic: the same profile and policy give the same result.
    public func assess(_ profile: RiskProfile) -> Assessment {
        var contributions: [Assessment.Contribution] = []
        contributions.reserveCapacity(Factor.allCases.count)
        var total = 0
        for factor in Factor.allCases {
            let levelIndex = profile.levelIndex(of: factor)
            let points = riskPoints(of: factor, levelIndex: levelIndex, in: profile)
            let weight = weights[factor.rawValue]
            total += weight * points
            contributions.append(.init(factor: factor, levelIndex: levelIndex, points: points, weight: weight, tenths: weight * points))
        }
        let scoreTier = tier(forTenths: total)
        var tier = scoreTier
        var raised: [EscalationRule] = []
        for rule in escalations where rule.raiseTo > scoreTier && holds(rule, for: profile) {
            raised.append(rule)
            tier = max(tier, rule.raiseTo)
        }
        return Assessment(
            scoreTenths: total, scoreTier: scoreTier, tier: tier, contributions: contributions,
            escalations: raised, policyVersion: version)
    }

    /// The factor's points, with the vendor's training use raising vendor sharing (capped at the
    /// maximum) whenever anything may be shared.
    func riskPoints(of factor: Factor, levelIndex: Int, in profile: RiskProfile) -> Int {
        let base = points[factor.rawValue][levelIndex]
        guard factor == .vendorSharing, profile.vendorSharing != .none else { return base }
        return min(Policy.maximumPoints, base + trainingRaise[profile.vendorTrainingUse.rawValue])
    }

    func holds(_ rule: EscalationRule, for profile: RiskProfile) -> Bool {
        rule.conditions.allSatisfy { condition in
            let table = points[condition.factor.rawValue]
            return table[profile.levelIndex(of: condition.factor)] >= table[condition.levelIndex]
        }
    }
}
