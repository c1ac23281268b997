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

    public func finish(trailer: [String: String]) throws(FileAccessError) {
        var tail = "\n]"
        for (key, value) in trailer.sorted(by: { $0.key < $1.key }) {
            tail += ", \(JSON.string(key)): \(JSON.string(value))"
        }
        tail += "}\n"
        try output.append(tail)
        try output.flush()
    }
}

/// Minimal JSON text building: strings escaped per RFC 8259.
public enum JSON {
    public static func string(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    public static func array(_ strings: [String]) -> String {
        "[" + strings.map(string).joined(separator: ", ") + "]"
    }
}
