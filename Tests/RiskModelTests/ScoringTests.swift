import RiskModel
import Testing

@Suite("Scoring")
struct ScoringTests {
    let policy = Policy.standard

    @Test func allBestLevelsScoreZeroAndLow() {
        let assessment = policy.assess(.allBest)
        #expect(assessment.scoreTenths == 0)
        #expect(assessment.tier == .low)
        #expect(assessment.escalations.isEmpty)
        #expect(RiskProfile.allBest.findings.isEmpty)
    }

    @Test func allUnknownIsHighOrCritical() {
        let assessment = policy.assess(.allUnknown)
        #expect(assessment.tier >= .high)
        #expect(assessment.scoreTenths == 863)
    }

    @Test func allWorstKnownLevelsScoreTheMaximum() {
        let worst = RiskProfile(
            dataLocality: .vendorCloudCrossBorder, vendorSharing: .identifiable, vendorTrainingUse: .yes,
            encryptionAtRest: .none, encryptionInTransit: .none, retention: .indefinite, unlearning: .none,
            outputExposure: .images, imageIntegrity: .none, deidentification: .none, accessControl: .sharedAccounts,
            patientConsent: .none, breaches: .count(5))
        #expect(policy.assess(worst).scoreTenths == 1000)
        #expect(policy.assess(worst).tier == .critical)
    }

    @Test func scoreIsTheSumOfTheContributions() {
        for profile in RiskProfile.randomSample(count: 2_000, seed: 1) {
            let assessment = policy.assess(profile)
            #expect(assessment.contributions.map(\.tenths).reduce(0, +) == assessment.scoreTenths)
            #expect(assessment.contributions.map(\.factor) == Factor.allCases)
            for contribution in assessment.contributions {
                #expect(contribution.tenths == contribution.weight * contribution.points)
                #expect((0...Policy.maximumPoints).contains(contribution.points))
            }
        }
    }

    @Test func tiersFollowTheThresholds() {
        #expect(policy.tier(forTenths: 0) == .low)
        #expect(policy.tier(forTenths: 249) == .low)
        #expect(policy.tier(forTenths: 250) == .moderate)
        #expect(policy.tier(forTenths: 499) == .moderate)
        #expect(policy.tier(forTenths: 500) == .high)
        #expect(policy.tier(forTenths: 749) == .high)
        #expect(policy.tier(forTenths: 750) == .critical)
    }

    @Test func scoringIsDeterministic() {
        for profile in RiskProfile.randomSample(count: 200, seed: 2) {
            #expect(policy.assess(profile) == policy.assess(profile))
        }
    }

    @Test func trainingUseRaisesVendorSharingOnlyWhenSomethingIsShared() {
        var profile = RiskProfile.allBest
        profile.vendorTrainingUse = .yes
        #expect(policy.assess(profile).scoreTenths == 0)
        profile.vendorSharing = .deidentified
        let withTraining = policy.assess(profile).contributions[Factor.vendorSharing.rawValue].points
        profile.vendorTrainingUse = .no
        let withoutTraining = policy.assess(profile).contributions[Factor.vendorSharing.rawValue].points
        #expect(withTraining == withoutTraining + 3)
    }

    @Test func trainingRaiseIsCappedAtTheMaximum() {
        var profile = RiskProfile.allBest
        profile.vendorSharing = .identifiable
        profile.vendorTrainingUse = .yes
        #expect(policy.assess(profile).contributions[Factor.vendorSharing.rawValue].points == Policy.maximumPoints)
    }
}
