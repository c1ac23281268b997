/// The twelve scored factors, in the canonical order used by the policy, the assessment export's
/// `score_*` columns and the risk vector.
public enum Factor: Int, CaseIterable, Hashable, Sendable, Comparable {
    case dataLocality, vendorSharing, encryptionAtRest, encryptionInTransit, retention, unlearning
    case outputExposure, imageIntegrity, deidentification, accessControl, patientConsent, breaches

    /// The policy's and the export's name for the factor (`score_<key>`).
    public var key: String { Self.keys[rawValue] }

    public var title: String { Self.titles[rawValue] }

    /// The tokens of the levels the policy scores, least to most risky, `unknown` last.
    public var levelTokens: [String] {
        switch self {
        case .dataLocality: DataLocality.tokens
        case .vendorSharing: VendorSharing.tokens
        case .encryptionAtRest: EncryptionAtRest.tokens
        case .encryptionInTransit: EncryptionInTransit.tokens
        case .retention: RetentionLevel.tokens
        case .unlearning: Unlearning.tokens
        case .outputExposure: OutputExposure.tokens
        case .imageIntegrity: ImageIntegrity.tokens
        case .deidentification: Deidentification.tokens
        case .accessControl: AccessControl.tokens
        case .patientConsent: PatientConsent.tokens
        case .breaches: BreachLevel.tokens
        }
    }

    public init?(key: some StringProtocol) {
        guard let index = Self.keys.firstIndex(of: Token.normalise(key)) else { return nil }
        self.init(rawValue: index)
    }

    public static func < (lhs: Factor, rhs: Factor) -> Bool { lhs.rawValue < rhs.rawValue }

    private static let keys = [
        "data_locality", "vendor_sharing", "encryption_at_rest", "encryption_in_transit", "retention",
        "unlearning", "output_exposure", "image_integrity", "deidentification", "access_control",
        "patient_consent", "breaches",
    ]
    private static let titles = [
        "Data locality", "Vendor sharing", "Encryption at rest", "Encryption in transit", "Retention",
        "Unlearning", "Output exposure", "Image integrity", "De-identification", "Access control",
        "Patient consent", "Breaches (3 years)",
    ]
}
