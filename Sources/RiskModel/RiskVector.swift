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
        withFormatted(profile) { String(decoding: $0, as: UTF8.self) }
    }

    /// The vector's bytes, formatted in a buffer on the stack and valid only inside `body`.
    ///
    /// Hand-written rather than built as a `String`: the exports write one vector a row, and
    /// joining thirteen pieces into a new string every row showed in profiles of a million-row score.
    public static func withFormatted<Result, Failure: Error>(
        _ profile: RiskProfile, _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumLength) { (buffer) throws(Failure) in
            var length = append(prefix, to: buffer, at: 0)
            for (index, metric) in metrics.enumerated() {
                length = append("/", to: buffer, at: length)
                length = append(metric, to: buffer, at: length)
                length = append(":", to: buffer, at: length)
                length = append(code(ofMetric: index, in: profile), to: buffer, at: length)
            }
            return try body(UnsafeBufferPointer(rebasing: buffer[..<length]))
        }
    }

    /// Copies `text` into `buffer` from `offset`; returns the offset after it.
    private static func append(_ text: String, to buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        var offset = offset
        for byte in text.utf8 {
            precondition(offset < buffer.count, "a risk vector is at most \(maximumLength) bytes")
            buffer[offset] = byte
            offset += 1
        }
        return offset
    }

    /// The prefix, then per metric `/`, two letters, `:` and at most six characters of code.
    private static let maximumLength = 4 + 13 * 10

    private static func code(ofMetric index: Int, in profile: RiskProfile) -> String {
        switch index {
        case 0: profile.dataLocality.vectorCode
        case 1: profile.vendorSharing.vectorCode
        case 2: profile.vendorTrainingUse.vectorCode
        case 3: profile.encryptionAtRest.vectorCode
        case 4: profile.encryptionInTransit.vectorCode
        case 5: code(of: profile.retention)
        case 6: profile.unlearning.vectorCode
        case 7: profile.outputExposure.vectorCode
        case 8: profile.imageIntegrity.vectorCode
        case 9: profile.deidentification.vectorCode
        case 10: profile.accessControl.vectorCode
        case 11: profile.patientConsent.vectorCode
        default: code(of: profile.breaches)
        }
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
