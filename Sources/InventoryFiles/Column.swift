import RiskModel

/// The inventory contract's columns, in the contract's order (which is also the export's).
public enum Column: Int, CaseIterable, Sendable {
    case id, name, vendor, productVersion, modality, clinicalUse, site, owner, regulatoryStatus
    case dataLocality, vendorSharing, vendorTrainingUse, encryptionAtRest, encryptionInTransit
    case retentionDays, unlearning, outputExposure, imageIntegrity, deidentification, accessControl
    case patientConsent, breaches3y, lastReviewed, notes

    public var header: String { Self.headers[rawValue] }

    /// Free text: kept and written as it is, with no closed set or format.
    public var isFreeText: Bool {
        switch self {
        case .name, .vendor, .productVersion, .clinicalUse, .site, .owner, .notes: true
        default: false
        }
    }

    public static let headers = [
        "id", "name", "vendor", "product_version", "modality", "clinical_use", "site", "owner",
        "regulatory_status", "data_locality", "vendor_sharing", "vendor_training_use", "encryption_at_rest",
        "encryption_in_transit", "retention_days", "unlearning", "output_exposure", "image_integrity",
        "deidentification", "access_control", "patient_consent", "breaches_3y", "last_reviewed", "notes",
    ]

    public init?(header: some StringProtocol) {
        guard let index = Self.headers.firstIndex(of: Token.normalise(header)) else { return nil }
        self.init(rawValue: index)
    }

    /// The tokens an enumerated column allows, least to most risky; nil for free-form columns.
    public var choices: [String]? {
        switch self {
        case .regulatoryStatus: RegulatoryStatus.tokens
        case .dataLocality: DataLocality.tokens
        case .vendorSharing: VendorSharing.tokens
        case .vendorTrainingUse: VendorTrainingUse.tokens
        case .encryptionAtRest: EncryptionAtRest.tokens
        case .encryptionInTransit: EncryptionInTransit.tokens
        case .unlearning: Unlearning.tokens
        case .outputExposure: OutputExposure.tokens
        case .imageIntegrity: ImageIntegrity.tokens
        case .deidentification: Deidentification.tokens
        case .accessControl: AccessControl.tokens
        case .patientConsent: PatientConsent.tokens
        default: nil
        }
    }

    /// What a cell of this column may hold, for error messages.
    public var allowed: String {
        switch self {
        case .id: SystemID.allowedDescription + ", unique"
        case .name: "one line of text, 1-\(ImagingSystem.maximumNameLength) characters"
        case .vendor, .productVersion, .clinicalUse, .site, .owner:
            "one line of text without control characters, at most \(CSVLimits.defaultMaximumFieldBytes) bytes"
        case .modality: "DICOM modality codes joined by ';' from \(Modality.vectorCodes.joined(separator: " "))"
        case .regulatoryStatus: RegulatoryStatus.allowedTokens
        case .dataLocality: DataLocality.allowedTokens
        case .vendorSharing: VendorSharing.allowedTokens
        case .vendorTrainingUse: VendorTrainingUse.allowedTokens
        case .encryptionAtRest: EncryptionAtRest.allowedTokens
        case .encryptionInTransit: EncryptionInTransit.allowedTokens
        case .retentionDays: "a whole number 0-\(Retention.maximumDays), indefinite, or unknown"
        case .unlearning: Unlearning.allowedTokens
        case .outputExposure: OutputExposure.allowedTokens
        case .imageIntegrity: ImageIntegrity.allowedTokens
        case .deidentification: Deidentification.allowedTokens
        case .accessControl: AccessControl.allowedTokens
        case .patientConsent: PatientConsent.allowedTokens
        case .breaches3y: "a whole number 0-\(BreachCount.maximum), or unknown"
        case .lastReviewed: "a real date YYYY-MM-DD not in the future, or empty"
        case .notes: "text of at most \(ImagingSystem.maximumNotesLength) characters; no control characters but line breaks and tabs"
        }
    }
}

/// The derived columns an assessment export adds after the contract's columns.
public enum AssessmentColumn {
    public static let headers: [String] =
        ["risk_score", "risk_tier", "risk_vector", "policy_version"]
        + Factor.allCases.map { "score_\($0.key)" }
        + ["escalations", "findings"]
}
