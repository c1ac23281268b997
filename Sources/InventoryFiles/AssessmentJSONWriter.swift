import RiskModel

/// The assessment export as one JSON document: `{"systems": [...], ...trailer}` with one system
/// object per line, so that it streams like the CSV and diffs line by line.
public final class AssessmentJSONWriter<Sink: ByteSink>: AssessmentWriter {
    private let output: TextOutput<Sink>
    private var count = 0

    public init(sink: Sink) { output = TextOutput(sink: sink) }

    public func begin() throws(FileAccessError) { try output.append("{\"systems\": [\n") }

    public func write(_ item: AssessedSystem) throws(FileAccessError) {
        var object = count == 0 ? "  {" : ",\n  {"
        count += 1
        var first = true
        func member(_ key: String, _ json: String) {
            object += first ? "" : ", "
            first = false
            object += JSON.string(key) + ": " + json
        }
        let system = item.system
        let assessment = item.assessment
        for column in Column.allCases {
            let text = FieldCodec.text(of: column, in: system)
            switch column {
            case .retentionDays, .breaches3y:
                member(column.header, Int(text).map(String.init) ?? JSON.string(text))
            case .lastReviewed:
                member(column.header, text.isEmpty ? "null" : JSON.string(text))
            case .modality:
                member(column.header, JSON.array(system.modalities.members.map(\.code)))
            default:
                member(column.header, JSON.string(text))
            }
        }
        member("risk_score", formatTenths(assessment.scoreTenths))
        member("risk_tier", JSON.string(assessment.tier.token))
        member("risk_vector", JSON.string(RiskVector.format(system.profile)))
        member("policy_version", JSON.string(assessment.policyVersion))
        let contributions = assessment.contributions.map { "\(JSON.string($0.factor.key)): \(formatTenths($0.tenths))" }
        member("scores", "{" + contributions.joined(separator: ", ") + "}")
        member("escalations", JSON.array(assessment.escalations.map(\.name)))
        member("findings", JSON.array(system.profile.findings.map(\.code)))
        object += "}"
        try output.append(object)
    }

    public func finish(trailer: [String: TrailerValue]) throws(FileAccessError) {
        var tail = "\n]"
        for (key, value) in trailer.sorted(by: { $0.key < $1.key }) {
            switch value {
            case .text(let text): tail += ", \(JSON.string(key)): \(JSON.string(text))"
            case .number(let number): tail += ", \(JSON.string(key)): \(number)"
            }
        }
        tail += "}\n"
        try output.append(tail)
        try output.flush()
    }
}

/// Minimal JSON text building: strings escaped per RFC 8259.
public enum JSON {
    /// Escapes byte by byte over UTF-8 (every byte that needs it is ASCII): the audit trail
    /// escapes every imported record through here, and a scalar-by-scalar version was a fifth
    /// of a bulk import's time.
    public static func string(_ text: String) -> String {
        if !text.utf8.contains(where: needsEscape) { return "\"" + text + "\"" }
        var bytes: [UInt8] = []
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as a JSON string, quotes included.
    public static func append(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        if !text.utf8.contains(where: needsEscape) {
            bytes.append(contentsOf: text.utf8)
        } else {
            bytes.reserveCapacity(bytes.count + text.utf8.count + 16)
            for byte in text.utf8 {
                guard needsEscape(byte) else {
                    bytes.append(byte)
                    continue
                }
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "t"))
                default:
                    bytes.append(contentsOf: "u00".utf8)
                    bytes.append(hexDigit(byte >> 4))
                    bytes.append(hexDigit(byte & 0xF))
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Lower-case hexadecimal, as `\u00XX` escapes and digests are written.
    public static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    public static func array(_ strings: [String]) -> String {
        "[" + strings.map(string).joined(separator: ", ") + "]"
    }
}
