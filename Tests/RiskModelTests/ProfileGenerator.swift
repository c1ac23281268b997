import RiskModel

/// A small seeded generator (SplitMix64), so property tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension RiskProfile {
    static func random(using generator: inout SeededGenerator) -> RiskProfile {
        func pick<L: FactorLevel>(_: L.Type) -> L { L.allCases.randomElement(using: &generator)! }
        let retention: Retention = switch Int.random(in: 0..<6, using: &generator) {
        case 0: .unknown
        case 1: .indefinite
        default: .days([0, 1, 30, 31, 365, 366, 2557, 2558, 36_500].randomElement(using: &generator)!)
        }
        let breaches: BreachCount = Bool.random(using: &generator)
            ? .unknown : .count([0, 1, 2, 4, 5, 1000].randomElement(using: &generator)!)
        return RiskProfile(
            dataLocality: pick(DataLocality.self), vendorSharing: pick(VendorSharing.self),
            vendorTrainingUse: pick(VendorTrainingUse.self), encryptionAtRest: pick(EncryptionAtRest.self),
            encryptionInTransit: pick(EncryptionInTransit.self), retention: retention, unlearning: pick(Unlearning.self),
            outputExposure: pick(OutputExposure.self), imageIntegrity: pick(ImageIntegrity.self),
            deidentification: pick(Deidentification.self), accessControl: pick(AccessControl.self),
            patientConsent: pick(PatientConsent.self), breaches: breaches)
    }

    static let allBest = RiskProfile(
        dataLocality: .onPremises, vendorSharing: .none, vendorTrainingUse: .no, encryptionAtRest: .fullCustomerKeys,
        encryptionInTransit: .mutualTLS, retention: .days(0), unlearning: .notApplicable, outputExposure: .labelOnly,
        imageIntegrity: .provenance, deidentification: .notApplicable, accessControl: .rbacMFA, patientConsent: .optIn,
        breaches: .count(0))

    static func randomSample(count: Int, seed: UInt64) -> [RiskProfile] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in random(using: &generator) }
    }
}
