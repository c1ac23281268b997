// The contract's enumerated columns, each ordered from least to most risky, `unknown` last.

public enum DataLocality: Int, FactorLevel {
    case onPremises, privateCloud, vendorCloudDomestic, vendorCloudCrossBorder, unknown
    public static let tokens = ["on_premises", "private_cloud", "vendor_cloud_domestic", "vendor_cloud_cross_border", "unknown"]
    public static let vectorCodes = ["OP", "PC", "VD", "VX", "X"]
}

public enum VendorSharing: Int, FactorLevel {
    case none, deidentified, pseudonymized, identifiable, unknown
    public static let tokens = ["none", "deidentified", "pseudonymized", "identifiable", "unknown"]
    public static let vectorCodes = ["N", "D", "P", "I", "X"]
}

public enum VendorTrainingUse: Int, FactorLevel {
    case no, yes, unknown
    public static let tokens = ["no", "yes", "unknown"]
    public static let vectorCodes = ["N", "Y", "X"]
}

public enum EncryptionAtRest: Int, FactorLevel {
    case fullCustomerKeys, full, partial, none, unknown
    public static let tokens = ["full_customer_keys", "full", "partial", "none", "unknown"]
    public static let vectorCodes = ["CK", "F", "P", "N", "X"]
}

public enum EncryptionInTransit: Int, FactorLevel {
    case mutualTLS, tls12Plus, legacyTLS, none, unknown
    public static let tokens = ["mutual_tls", "tls12_plus", "legacy_tls", "none", "unknown"]
    public static let vectorCodes = ["M", "T", "L", "N", "X"]
}

public enum Unlearning: Int, FactorLevel {
    case notApplicable, certified, partitionedRetrain, fullRetrain, none, unknown
    public static let tokens = ["not_applicable", "certified", "partitioned_retrain", "full_retrain", "none", "unknown"]
    public static let vectorCodes = ["NA", "C", "P", "F", "N", "X"]
}

public enum OutputExposure: Int, FactorLevel {
    case labelOnly, scores, heatmaps, images, unknown
    public static let tokens = ["label_only", "scores", "heatmaps", "images", "unknown"]
    public static let vectorCodes = ["L", "S", "H", "I", "X"]
}

public enum ImageIntegrity: Int, FactorLevel {
    case provenance, signatures, checksums, none, unknown
    public static let tokens = ["provenance", "signatures", "checksums", "none", "unknown"]
    public static let vectorCodes = ["P", "S", "C", "N", "X"]
}

public enum Deidentification: Int, FactorLevel {
    case notApplicable, fullWithDefacing, headerAndPixels, headerOnly, none, unknown
    public static let tokens = ["not_applicable", "full_with_defacing", "header_and_pixels", "header_only", "none", "unknown"]
    public static let vectorCodes = ["NA", "F", "P", "H", "N", "X"]
}

public enum AccessControl: Int, FactorLevel {
    case rbacMFA, rbac, individualAccounts, sharedAccounts, unknown
    public static let tokens = ["rbac_mfa", "rbac", "individual_accounts", "shared_accounts", "unknown"]
    public static let vectorCodes = ["RM", "R", "I", "S", "X"]
}

public enum PatientConsent: Int, FactorLevel {
    case optIn, optOut, notice, none, unknown
    public static let tokens = ["opt_in", "opt_out", "notice", "none", "unknown"]
    public static let vectorCodes = ["I", "O", "T", "N", "X"]
}

/// Not a scored factor: kept for the committee's picture of the system.
public enum RegulatoryStatus: Int, FactorLevel {
    case fdaAndCE, fdaCleared, ceMarked, inHouse, researchOnly, unknown
    public static let tokens = ["fda_and_ce", "fda_cleared", "ce_marked", "in_house", "research_only", "unknown"]
    public static let vectorCodes = ["FC", "F", "C", "H", "R", "X"]
}

/// How long vendor-side copies are kept, as a risk class. The contract stores days; the policy
/// scores the class, so that the policy file stays a table of tokens like every other factor.
public enum RetentionLevel: Int, FactorLevel {
    case none, upTo30Days, upTo1Year, upTo7Years, beyond7Years, indefinite, unknown
    public static let tokens = ["none", "up_to_30_days", "up_to_1_year", "up_to_7_years", "beyond_7_years", "indefinite", "unknown"]
    public static let vectorCodes = tokens  // the vector carries the exact days instead

    public init(_ retention: Retention) {
        switch retention {
        case .unknown: self = .unknown
        case .indefinite: self = .indefinite
        case .days(let days):
            switch days {
            case 0: self = .none
            case 1...30: self = .upTo30Days
            case 31...365: self = .upTo1Year
            case 366...2557: self = .upTo7Years
            default: self = .beyond7Years
            }
        }
    }
}

/// Security incidents in the last three years, as a risk class.
public enum BreachLevel: Int, FactorLevel {
    case none, one, twoToFour, fiveOrMore, unknown
    public static let tokens = ["none", "one", "two_to_four", "five_or_more", "unknown"]
    public static let vectorCodes = tokens  // the vector carries the exact count instead

    public init(_ breaches: BreachCount) {
        switch breaches {
        case .unknown: self = .unknown
        case .count(let count):
            switch count {
            case 0: self = .none
            case 1: self = .one
            case 2...4: self = .twoToFour
            default: self = .fiveOrMore
            }
        }
    }
}

/// `retention_days`: a whole number of days 0-36500, `indefinite`, or `unknown`.
public enum Retention: Hashable, Sendable {
    case days(Int)
    case indefinite
    case unknown

    public static let maximumDays = 36_500

    /// The contract's cell text.
    public var token: String {
        switch self {
        case .days(let days): String(days)
        case .indefinite: "indefinite"
        case .unknown: "unknown"
        }
    }
}

/// `breaches_3y`: a whole number 0-1000, or `unknown`.
public enum BreachCount: Hashable, Sendable {
    case count(Int)
    case unknown

    public static let maximum = 1_000

    public var token: String {
        switch self {
        case .count(let count): String(count)
        case .unknown: "unknown"
        }
    }
}
