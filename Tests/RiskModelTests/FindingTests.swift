@testable import RiskModel
import Testing

@Suite("Findings")
struct FindingTests {
    @Test func codesAreUnique() {
        let codes = allFindings().map(\.code)
        #expect(Set(codes).count == codes.count)
        #expect(codes.count == 54)
    }

    func allFindings() -> [Finding] {
        Finding.catalogue.flatMap { $0 }.compactMap { $0 } + Finding.trainingUseCatalogue.compactMap { $0 }
    }

    @Test(arguments: Factor.allCases)
    func everyLevelButTheBestHasAFinding(factor: Factor) {
        for index in factor.levelTokens.indices {
            var profile = RiskProfile.allBest
            profile.set(factor, levelIndex: index)
            profile.vendorTrainingUse = .no
            let findings = profile.findings.filter { $0.factor == factor }
            if index == 0 {
                #expect(findings.isEmpty)
            } else {
                #expect(findings.count == 1, "\(factor.key) = \(factor.levelTokens[index])")
                #expect(findings.first.map { !$0.regulation.isEmpty && !$0.recommendation.isEmpty } == true)
                let isUnknown = factor.levelTokens[index] == "unknown"
                #expect((findings.first?.vendorQuestion != nil) == isUnknown)
            }
        }
    }

    @Test func trainingUseIsReportedOnlyWhenSomethingIsShared() {
        var profile = RiskProfile.allBest
        profile.vendorTrainingUse = .yes
        #expect(profile.findings.isEmpty)
        profile.vendorSharing = .deidentified
        #expect(profile.findings.map(\.code) == ["VS-DEIDENTIFIED", "VT-YES"])
    }
}

extension RiskProfile {
    /// Puts `factor` at the level with this index (for numeric factors, a value in that class).
    mutating func set(_ factor: Factor, levelIndex index: Int) {
        switch factor {
        case .dataLocality: dataLocality = DataLocality(rawValue: index)!
        case .vendorSharing: vendorSharing = VendorSharing(rawValue: index)!
        case .encryptionAtRest: encryptionAtRest = EncryptionAtRest(rawValue: index)!
        case .encryptionInTransit: encryptionInTransit = EncryptionInTransit(rawValue: index)!
        case .unlearning: unlearning = Unlearning(rawValue: index)!
        case .outputExposure: outputExposure = OutputExposure(rawValue: index)!
        case .imageIntegrity: imageIntegrity = ImageIntegrity(rawValue: index)!
        case .deidentification: deidentification = Deidentification(rawValue: index)!
        case .accessControl: accessControl = AccessControl(rawValue: index)!
        case .patientConsent: patientConsent = PatientConsent(rawValue: index)!
        case .retention: retention = [Retention.days(0), .days(7), .days(90), .days(2000), .days(4000), .indefinite, .unknown][index]
        case .breaches: breaches = [BreachCount.count(0), .count(1), .count(3), .count(9), .unknown][index]
        }
        #expect(levelIndex(of: factor) == index)
    }
}
