import RiskModel
import Testing

/// Improving any one factor never raises the score or the tier.
@Suite("Monotonicity")
struct MonotonicityTests {
    let policy = Policy.standard

    /// Every change of one factor's level that counts as an improvement: to an earlier known
    /// level, or from `unknown` to a known level the policy scores no higher.
    static func improvements(of profile: RiskProfile, factor: Factor, policy: Policy) -> [RiskProfile] {
        var results: [RiskProfile] = []
        let current = profile.levelIndex(of: factor)
        let unknownIndex = factor.levelTokens.count - 1
        for candidate in variants(of: profile, factor: factor) {
            let index = candidate.levelIndex(of: factor)
            guard index != unknownIndex else { continue }
            if current == unknownIndex {
                if policy.points(of: factor, levelIndex: index) <= policy.points(of: factor, levelIndex: current) {
                    results.append(candidate)
                }
            } else if index < current {
                results.append(candidate)
            } else if index == current, factor == .retention || factor == .breaches, isSmaller(candidate, than: profile, factor) {
                results.append(candidate)
            }
        }
        return results
    }

    static func isSmaller(_ candidate: RiskProfile, than profile: RiskProfile, _ factor: Factor) -> Bool {
        switch (factor, candidate.retention, profile.retention, candidate.breaches, profile.breaches) {
        case (.retention, .days(let a), .days(let b), _, _): a < b
        case (.breaches, _, _, .count(let a), .count(let b)): a < b
        default: false
        }
    }

    static func variants(of profile: RiskProfile, factor: Factor) -> [RiskProfile] {
        func each<L: FactorLevel>(_ keyPath: WritableKeyPath<RiskProfile, L>) -> [RiskProfile] {
            L.allCases.map { level in
                var copy = profile
                copy[keyPath: keyPath] = level
                return copy
            }
        }
        switch factor {
        case .dataLocality: return each(\.dataLocality)
        case .vendorSharing: return each(\.vendorSharing)
        case .encryptionAtRest: return each(\.encryptionAtRest)
        case .encryptionInTransit: return each(\.encryptionInTransit)
        case .unlearning: return each(\.unlearning)
        case .outputExposure: return each(\.outputExposure)
        case .imageIntegrity: return each(\.imageIntegrity)
        case .deidentification: return each(\.deidentification)
        case .accessControl: return each(\.accessControl)
        case .patientConsent: return each(\.patientConsent)
        case .retention:
            let values: [Retention] = [.unknown, .indefinite] + [0, 1, 29, 30, 31, 365, 366, 2557, 2558, 36_500].map { .days($0) }
            return values.map { value in
                var copy = profile
                copy.retention = value
                return copy
            }
        case .breaches:
            let values: [BreachCount] = [.unknown] + [0, 1, 2, 4, 5, 999].map { .count($0) }
            return values.map { value in
                var copy = profile
                copy.breaches = value
                return copy
            }
        }
    }

    @Test(arguments: Factor.allCases)
    func improvingOneFactorNeverRaisesScoreOrTier(factor: Factor) {
        for profile in RiskProfile.randomSample(count: 400, seed: UInt64(100 + factor.rawValue)) {
            let before = policy.assess(profile)
            for better in Self.improvements(of: profile, factor: factor, policy: policy) {
                let after = policy.assess(better)
                #expect(after.scoreTenths <= before.scoreTenths, "\(factor): \(RiskVector.format(profile)) -> \(RiskVector.format(better))")
                #expect(after.tier <= before.tier, "\(factor): \(RiskVector.format(profile)) -> \(RiskVector.format(better))")
            }
        }
    }

    @Test func stoppingVendorTrainingNeverRaisesScoreOrTier() {
        for profile in RiskProfile.randomSample(count: 1_000, seed: 7) where profile.vendorTrainingUse != .no {
            var better = profile
            better.vendorTrainingUse = .no
            #expect(policy.assess(better).scoreTenths <= policy.assess(profile).scoreTenths)
            #expect(policy.assess(better).tier <= policy.assess(profile).tier)
        }
    }
}
