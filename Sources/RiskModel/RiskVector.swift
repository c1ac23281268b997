/// A compact, reproducible string naming every factor level, like a CVSS vector:
/// `RRV1/DL:OP/VS:D/VT:N/ER:F/ET:T/RT:30/UL:NA/OE:S/II:C/DI:P/AC:R/PC:O/BR:0`.
///
/// The parts come in one canonical order after a version prefix. Retention and breaches carry the
/// exact number (or `I` for indefinite, `X` for unknown), so parsing a vector gives back the very
/// profile it was made from, and the score can be recomputed from it under any policy.
public enum RiskVector {
    public static let prefix = "RRV1"

    private static let metrics = ["DL", "VS", "VT", "ER", "ET", "RT", "UL", "OE", "II", "DI", "AC", "PC", "BR"]

    public static func format(_ profile: RiskProfile) -> String {
        let values = [
            profile.dataLocality.vectorCode, profile.vendorSharing.vectorCode, profile.vendorTrainingUse.vectorCode,
            profile.encryptionAtRest.vectorCode, profile.encryptionInTransit.vectorCode, code(of: profile.retention),
            profile.unlearning.vectorCode, profile.outputExposure.vectorCode, profile.imageIntegrity.vectorCode,
            profile.deidentification.vectorCode, profile.accessControl.vectorCode, profile.patientConsent.vectorCode,
            code(of: profile.breaches),
        ]
        var text = prefix
        for (metric, value) in zip(metrics, values) {
            text += "/\(metric):\(value)"
        }
        return text
    }

    public static func parse(_ text: String) throws(RiskVectorError) -> RiskProfile {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.first == Substring(prefix) else {
            throw RiskVectorError(vector: text, message: "must start with \(prefix)/")
        }
        guard parts.count == metrics.count + 1 else {
            throw RiskVectorError(
                vector: text,
                message: "needs \(metrics.count) metrics in the order \(metrics.joined(separator: "/")), found \(parts.count - 1)")
        }
        var codes: [Substring] = []
        for (metric, part) in zip(metrics, parts.dropFirst()) {
            let pieces = part.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2, pieces[0] == Substring(metric) else {
                throw RiskVectorError(vector: text, message: "expected \(metric):<level> where '\(part)' stands")
            }
            codes.append(pieces[1])
        }
        func level<L: FactorLevel>(_ index: Int, _: L.Type) throws(RiskVectorError) -> L {
            guard let value = L(vectorCode: codes[index]) else {
                throw RiskVectorError(
                    vector: text,
                    message: "\(metrics[index]):\(codes[index]) is not a level; allowed: \(L.vectorCodes.joined(separator: ", "))")
            }
            return value
        }
        return RiskProfile(
            dataLocality: try level(0, DataLocality.self), vendorSharing: try level(1, VendorSharing.self),
            vendorTrainingUse: try level(2, VendorTrainingUse.self), encryptionAtRest: try level(3, EncryptionAtRest.self),
            encryptionInTransit: try level(4, EncryptionInTransit.self), retention: try retention(codes[5], in: text),
            unlearning: try level(6, Unlearning.self), outputExposure: try level(7, OutputExposure.self),
            imageIntegrity: try level(8, ImageIntegrity.self), deidentification: try level(9, Deidentification.self),
            accessControl: try level(10, AccessControl.self), patientConsent: try level(11, PatientConsent.self),
            breaches: try breaches(codes[12], in: text))
    }

    private static func code(of retention: Retention) -> String {
        switch retention {
        case .days(let days): String(days)
        case .indefinite: "I"
        case .unknown: "X"
        }
    }

    private static func code(of breaches: BreachCount) -> String {
        switch breaches {
        case .count(let count): String(count)
        case .unknown: "X"
        }
    }

    private static func retention(_ code: Substring, in text: String) throws(RiskVectorError) -> Retention {
        switch code {
        case "I": return .indefinite
        case "X": return .unknown
        default:
            guard let days = wholeNumber(code), days <= Retention.maximumDays else {
                throw RiskVectorError(vector: text, message: "RT:\(code) must be 0-\(Retention.maximumDays), I or X")
            }
            return .days(days)
        }
    }

    private static func breaches(_ code: Substring, in text: String) throws(RiskVectorError) -> BreachCount {
        if code == "X" { return .unknown }
        guard let count = wholeNumber(code), count <= BreachCount.maximum else {
            throw RiskVectorError(vector: text, message: "BR:\(code) must be 0-\(BreachCount.maximum) or X")
        }
        return .count(count)
    }

    /// Digits only: no sign, no spaces, no leading zeros beyond a lone 0, so one profile has one vector.
    private static func wholeNumber(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 6, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              text == "0" || text.first != "0" else { return nil }
        return Int(text)
    }
}

public struct RiskVectorError: Error, Equatable, Sendable, CustomStringConvertible {
    public let vector: String
    public let message: String
    public var description: String { "invalid risk vector '\(vector)': \(message)" }
}
