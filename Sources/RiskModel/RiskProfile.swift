/// Everything about a system that the risk model scores: one level per factor, plus
/// `vendorTrainingUse`, which modifies the vendor-sharing factor.
public struct RiskProfile: Hashable, Sendable {
    public var dataLocality: DataLocality
    public var vendorSharing: VendorSharing
    public var vendorTrainingUse: VendorTrainingUse
    public var encryptionAtRest: EncryptionAtRest
    public var encryptionInTransit: EncryptionInTransit
    public var retention: Retention
    public var unlearning: Unlearning
    public var outputExposure: OutputExposure
    public var imageIntegrity: ImageIntegrity
    public var deidentification: Deidentification
    public var accessControl: AccessControl
    public var patientConsent: PatientConsent
    public var breaches: BreachCount

    public init(
        dataLocality: DataLocality = .unknown, vendorSharing: VendorSharing = .unknown,
        vendorTrainingUse: VendorTrainingUse = .unknown, encryptionAtRest: EncryptionAtRest = .unknown,
        encryptionInTransit: EncryptionInTransit = .unknown, retention: Retention = .unknown,
        unlearning: Unlearning = .unknown, outputExposure: OutputExposure = .unknown,
        imageIntegrity: ImageIntegrity = .unknown, deidentification: Deidentification = .unknown,
        accessControl: AccessControl = .unknown, patientConsent: PatientConsent = .unknown,
        breaches: BreachCount = .unknown
    ) {
        self.dataLocality = dataLocality
        self.vendorSharing = vendorSharing
        self.vendorTrainingUse = vendorTrainingUse
        self.encryptionAtRest = encryptionAtRest
        self.encryptionInTransit = encryptionInTransit
        self.retention = retention
        self.unlearning = unlearning
        self.outputExposure = outputExposure
        self.imageIntegrity = imageIntegrity
        self.deidentification = deidentification
        self.accessControl = accessControl
        self.patientConsent = patientConsent
        self.breaches = breaches
    }

    /// Every factor unknown: what a row with only `id` and `name` means.
    public static let allUnknown = RiskProfile()

    /// The index of the factor's level in `factor.levelTokens`.
    public func levelIndex(of factor: Factor) -> Int {
        switch factor {
        case .dataLocality: dataLocality.rawValue
        case .vendorSharing: vendorSharing.rawValue
        case .encryptionAtRest: encryptionAtRest.rawValue
        case .encryptionInTransit: encryptionInTransit.rawValue
        case .retention: RetentionLevel(retention).rawValue
        case .unlearning: unlearning.rawValue
        case .outputExposure: outputExposure.rawValue
        case .imageIntegrity: imageIntegrity.rawValue
        case .deidentification: deidentification.rawValue
        case .accessControl: accessControl.rawValue
        case .patientConsent: patientConsent.rawValue
        case .breaches: BreachLevel(breaches).rawValue
        }
    }

    /// The factor's level token (for retention and breaches, the risk class).
    public func levelToken(of factor: Factor) -> String {
        factor.levelTokens[levelIndex(of: factor)]
    }

    /// The level as a person would read it: the exact days or count for the numeric factors.
    public func levelDescription(of factor: Factor) -> String {
        switch factor {
        case .retention:
            if case .days(let days) = retention { return days == 1 ? "1 day" : "\(days) days" }
        case .breaches:
            if case .count(let count) = breaches { return count == 1 ? "1 breach" : "\(count) breaches" }
        case .vendorSharing where vendorTrainingUse != .no && vendorSharing != .none:
            return "\(vendorSharing.token), training: \(vendorTrainingUse.token)"
        default: break
        }
        return levelToken(of: factor)
    }

    public func isUnknown(_ factor: Factor) -> Bool {
        levelIndex(of: factor) == factor.levelTokens.count - 1
    }
}
