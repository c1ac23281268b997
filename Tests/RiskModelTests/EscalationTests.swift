import RiskModel
import Testing

@Suite("Escalation rules")
struct EscalationTests {
    let policy = Policy.standard

    func names(_ profile: RiskProfile) -> [String] { policy.assess(profile).escalations.map(\.name) }

    @Test func identifiableDataWithoutTLS12IsCritical() {
        var profile = RiskProfile.allBest
        profile.vendorSharing = .identifiable
        profile.encryptionInTransit = .legacyTLS
        let assessment = policy.assess(profile)
        #expect(assessment.scoreTier == .low)
        #expect(assessment.tier == .critical)
        #expect(names(profile) == ["identifiable_without_tls12"])
    }

    @Test func deidentifiedDataWithLegacyTLSIsNotEscalatedToCritical() {
        var profile = RiskProfile.allBest
        profile.vendorSharing = .deidentified
        profile.encryptionInTransit = .legacyTLS
        #expect(policy.assess(profile).tier < .critical)
    }

    @Test func unencryptedTransitOffPremisesIsAtLeastHigh() {
        var profile = RiskProfile.allBest
        profile.dataLocality = .privateCloud
        profile.encryptionInTransit = .none
        #expect(policy.assess(profile).tier == .high)
        #expect(names(profile) == ["unencrypted_transit_off_premises"])
    }

    @Test func personalDataCrossBorderIsAtLeastHigh() {
        var profile = RiskProfile.allBest
        profile.dataLocality = .vendorCloudCrossBorder
        profile.vendorSharing = .pseudonymized
        #expect(policy.assess(profile).tier == .high)
        #expect(names(profile).contains("personal_data_cross_border"))
    }

    @Test(arguments: [2, 3, 4, 5, 1000])
    func repeatedBreachesAreAtLeastHigh(count: Int) {
        var profile = RiskProfile.allBest
        profile.breaches = .count(count)
        #expect(policy.assess(profile).tier == .high)
    }

    @Test func oneBreachIsNotEscalated() {
        var profile = RiskProfile.allBest
        profile.breaches = .count(1)
        #expect(policy.assess(profile).tier == .low)
    }

    @Test func rulesNeverLowerTheTier() {
        for profile in RiskProfile.randomSample(count: 2_000, seed: 3) {
            let assessment = policy.assess(profile)
            #expect(assessment.tier >= assessment.scoreTier)
            #expect(assessment.escalations.allSatisfy { $0.raiseTo > assessment.scoreTier })
        }
    }

    @Test func aRuleThatWouldNotRaiseTheTierIsNotListed() {
        // Already critical by score: the breach rule (to high) fires but raises nothing.
        var profile = RiskProfile.allUnknown
        profile.breaches = .count(3)
        #expect(policy.assess(profile).scoreTier == .critical)
        #expect(!names(profile).contains("repeated_breaches"))
    }
}
