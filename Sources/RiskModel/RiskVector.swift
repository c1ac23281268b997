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
    /// Copied from a table of spelled parts rather than built as a `String`: the exports write one
    /// vector a row, and joining thirteen pieces into a new string every row showed in profiles of
    /// a million-row score.
    public static func withFormatted<Result, Failure: Error>(
        _ profile: RiskProfile, _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let parts = Parts.shared
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumLength) { (buffer) throws(Failure) in
            var length = 0
            func put(_ part: Int) {
                let bytes = parts.spelled[part]
                precondition(length + bytes.count <= buffer.count, "a risk vector is at most \(maximumLength) bytes")
                UnsafeMutableBufferPointer(rebasing: buffer[length...]).baseAddress!.update(from: bytes.baseAddress!, count: bytes.count)
                length += bytes.count
            }
            put(parts.prefix)
            for metric in metrics.indices {
                switch metric {
                case Parts.retentionMetric:
                    put(parts.numberPrefix[0])
                    switch profile.retention {
                    case .days(let days): length = appendDecimal(days, to: buffer, at: length)
                    case .indefinite: put(parts.indefinite)
                    case .unknown: put(parts.unknown)
                    }
                case Parts.breachesMetric:
                    put(parts.numberPrefix[1])
                    switch profile.breaches {
                    case .count(let count): length = appendDecimal(count, to: buffer, at: length)
                    case .unknown: put(parts.unknown)
                    }
                default:
                    put(parts.levelStart[metric] + levelIndex(ofMetric: metric, in: profile))
                }
            }
            return try body(UnsafeBufferPointer(rebasing: buffer[..<length]))
        }
    }

    /// The prefix, then per metric `/`, two letters, `:` and at most six characters of code.
    private static let maximumLength = 4 + 13 * 10

    /// Every part a vector is made of, spelled once: `RRV1`, `/DL:OP` for each level of each
    /// levelled metric, `/RT:` and `/BR:` before a number, `I` and `X`.
    private struct Parts: Sendable {
        static let shared = Parts()
        static let retentionMetric = 5
        static let breachesMetric = 12

        let spelled: ByteStrings
        let prefix: Int
        let indefinite: Int
        let unknown: Int
        let numberPrefix: [Int]
        /// Where each levelled metric's parts start, by metric index (unused for the two numbers).
        let levelStart: [Int]

        private init() {
            var strings = [RiskVector.prefix, "I", "X", "/RT:", "/BR:"]
            var levelStart = [Int](repeating: 0, count: metrics.count)
            for (metric, name) in metrics.enumerated() where metric != Self.retentionMetric && metric != Self.breachesMetric {
                levelStart[metric] = strings.count
                strings += codes(ofMetric: metric).map { "/\(name):\($0)" }
            }
            spelled = ByteStrings(strings)
            (prefix, indefinite, unknown, numberPrefix) = (0, 1, 2, [3, 4])
            self.levelStart = levelStart
        }
    }

    private static func codes(ofMetric index: Int) -> [String] {
        switch index {
        case 0: DataLocality.vectorCodes
        case 1: VendorSharing.vectorCodes
        case 2: VendorTrainingUse.vectorCodes
        case 3: EncryptionAtRest.vectorCodes
        case 4: EncryptionInTransit.vectorCodes
        case 6: Unlearning.vectorCodes
        case 7: OutputExposure.vectorCodes
        case 8: ImageIntegrity.vectorCodes
        case 9: Deidentification.vectorCodes
        case 10: AccessControl.vectorCodes
        case 11: PatientConsent.vectorCodes
        default: []
        }
    }

    private static func levelIndex(ofMetric index: Int, in profile: RiskProfile) -> Int {
        switch index {
        case 0: profile.dataLocality.rawValue
        case 1: profile.vendorSharing.rawValue
        case 2: profile.vendorTrainingUse.rawValue
        case 3: profile.encryptionAtRest.rawValue
        case 4: profile.encryptionInTransit.rawValue
        case 6: profile.unlearning.rawValue
        case 7: profile.outputExposure.rawValue
        case 8: profile.imageIntegrity.rawValue
        case 9: profile.deidentification.rawValue
        case 10: profile.accessControl.rawValue
        default: profile.patientConsent.rawValue
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
