import ConfigFiles
import TOMLKit

extension Policy {
    /// Loads and validates a policy file. Every refusal names the file, the line and the rule broken.
    public init(toml text: String, fileName: String) throws(ConfigFileError) {
        let document = try TOMLDocument(text: text, fileName: fileName)
        sourceText = text
        let root = document.root
        try Self.refuseUnknownKeys(
            in: root, allowed: ["policy_version", "weights", "tiers", "points", "vendor_training_raise", "escalation"],
            table: "", document: document)

        guard let version = root["policy_version"]?.string, !version.trimmingSpaces.isEmpty else {
            throw document.error("policy_version must be a non-empty string", key: "policy_version")
        }
        self.version = version

        guard let weightsTable = root["weights"]?.table else {
            throw document.error("missing table [weights] with a weight for every factor", table: "weights")
        }
        let weights = try Self.integers(
            in: weightsTable, table: "weights", keys: Factor.allCases.map(\.key), range: 0...Policy.totalWeight,
            document: document)
        let sum = weights.reduce(0, +)
        guard sum == Policy.totalWeight else {
            throw document.error("weights must sum to \(Policy.totalWeight), they sum to \(sum)", table: "weights")
        }
        self.weights = weights

        guard let pointsTable = root["points"]?.table else {
            throw document.error("missing table [points.<factor>] for every factor", table: "points")
        }
        try Self.refuseUnknownKeys(
            in: pointsTable, allowed: Set(Factor.allCases.map(\.key)), table: "points", document: document)
        points = try Factor.allCases.map { factor throws(ConfigFileError) in
            let table = "points.\(factor.key)"
            guard let factorTable = pointsTable[factor.key]?.table else {
                throw document.error("missing table [\(table)]: every factor needs points", table: "points")
            }
            let values = try Self.integers(
                in: factorTable, table: table, keys: factor.levelTokens, range: 0...Policy.maximumPoints,
                document: document)
            try Self.checkOrdering(values, tokens: factor.levelTokens, table: table, document: document)
            return values
        }

        guard let raiseTable = root["vendor_training_raise"]?.table else {
            throw document.error("missing table [vendor_training_raise]", table: "vendor_training_raise")
        }
        trainingRaise = try Self.integers(
            in: raiseTable, table: "vendor_training_raise", keys: VendorTrainingUse.tokens,
            range: 0...Policy.maximumPoints, document: document)
        try Self.checkOrdering(
            trainingRaise, tokens: VendorTrainingUse.tokens, table: "vendor_training_raise", document: document)

        tierThresholdTenths = try Self.tierThresholds(in: root, document: document)
        escalations = try Self.escalationRules(in: root, document: document)
    }

    private static func refuseUnknownKeys(
        in table: TOMLTable, allowed: Set<String>, table name: String, entry: Int = 0, document: TOMLDocument
    ) throws(ConfigFileError) {
        for key in table.keys where !allowed.contains(key) {
            let place = name.isEmpty ? "at the top level" : "in [\(name)]"
            throw document.error(
                "unknown key '\(key)' \(place); allowed: \(allowed.sorted().joined(separator: ", "))",
                key: key, table: name, entry: entry)
        }
    }

    /// One whole number per key, all keys required, no others allowed.
    private static func integers(
        in table: TOMLTable, table name: String, keys: [String], range: ClosedRange<Int>, document: TOMLDocument
    ) throws(ConfigFileError) -> [Int] {
        try refuseUnknownKeys(in: table, allowed: Set(keys), table: name, document: document)
        return try keys.map { key throws(ConfigFileError) in
            guard let value = table[key] else {
                throw document.error("[\(name)] is missing '\(key)'; it needs all of: \(keys.joined(separator: ", "))", table: name)
            }
            guard let number = value.int else {
                throw document.error("[\(name)] \(key) must be a whole number, not \(value.tomlValue.debugDescription)", key: key, table: name)
            }
            guard range.contains(number) else {
                throw document.error("[\(name)] \(key) = \(number) is out of range \(range.lowerBound)-\(range.upperBound)", key: key, table: name)
            }
            return number
        }
    }

    /// Points may not fall as a level gets riskier, and `unknown` (last) may not score better than
    /// the median known level: the two rules that make the model monotone and cautious.
    private static func checkOrdering(
        _ values: [Int], tokens: [String], table: String, document: TOMLDocument
    ) throws(ConfigFileError) {
        let hasUnknown = tokens.last == "unknown"
        let known = hasUnknown ? Array(values.dropLast()) : values
        for index in known.indices.dropFirst() where known[index] < known[index - 1] {
            throw document.error(
                "[\(table)] \(tokens[index]) = \(known[index]) scores less than the safer \(tokens[index - 1]) = \(known[index - 1]); points must not fall as risk rises",
                key: tokens[index], table: table)
        }
        guard hasUnknown, let unknown = values.last else { return }
        let sorted = known.sorted()
        let middle = sorted.count / 2
        let medianTimesTwo = sorted.count % 2 == 0 ? sorted[middle - 1] + sorted[middle] : 2 * sorted[middle]
        if 2 * unknown < medianTimesTwo {
            throw document.error(
                "[\(table)] unknown = \(unknown) scores better than the median known level (\(Double(medianTimesTwo) / 2)); an unverified claim is a risk",
                key: "unknown", table: table)
        }
    }

    private static func tierThresholds(in root: TOMLTable, document: TOMLDocument) throws(ConfigFileError) -> [Int] {
        guard let table = root["tiers"]?.table else {
            throw document.error("missing table [tiers] with moderate, high and critical", table: "tiers")
        }
        let names = Array(Tier.tokens.dropFirst())
        try refuseUnknownKeys(in: table, allowed: Set(names), table: "tiers", document: document)
        var previous = 0
        return try names.map { name throws(ConfigFileError) in
            guard let value = table[name] else { throw document.error("[tiers] is missing '\(name)'", table: "tiers") }
            guard let number = value.double ?? value.int.map(Double.init) else {
                throw document.error("[tiers] \(name) must be a number", key: name, table: "tiers")
            }
            // Scores are whole tenths: a threshold between two of them would be met by rounding.
            // Checked before converting, so that inf, nan or 1e300 are refused rather than trapped on.
            let scaled = number * 10
            guard scaled.isFinite, scaled > Double(previous), scaled <= Double(Policy.totalWeight * Policy.maximumPoints) else {
                throw document.error("[tiers] \(name) = \(number) must be above the tier before it and at most 100", key: name, table: "tiers")
            }
            guard abs(scaled - scaled.rounded()) < 1e-6 else {
                throw document.error("[tiers] \(name) = \(number) has more than one decimal; scores are in tenths", key: name, table: "tiers")
            }
            let tenths = Int(scaled.rounded())
            previous = tenths
            return tenths
        }
    }

    private static func escalationRules(in root: TOMLTable, document: TOMLDocument) throws(ConfigFileError) -> [EscalationRule] {
        guard let entries = root["escalation"] else { return [] }
        guard let array = entries.array else {
            throw document.error("escalation rules are written as [[escalation]] tables", key: "escalation")
        }
        var names = Set<String>()
        return try array.enumerated().map { index, entry throws(ConfigFileError) in
            func error(_ message: String, key: String? = nil) -> ConfigFileError {
                document.error(message, key: key, table: "escalation", entry: index)
            }
            guard let table = entry.table else { throw error("each [[escalation]] must be a table") }
            try refuseUnknownKeys(
                in: table, allowed: ["name", "raise_to", "reason", "regulation", "when"], table: "escalation",
                entry: index, document: document)
            guard let name = table["name"]?.string, !name.isEmpty else {
                throw error("each [[escalation]] needs a name")
            }
            guard names.insert(name).inserted else {
                throw error("escalation '\(name)' is defined twice", key: "name")
            }
            guard let tierToken = table["raise_to"]?.string, let tier = Tier(token: tierToken), tier != .low else {
                throw error("escalation '\(name)': raise_to must be one of moderate, high, critical", key: "raise_to")
            }
            guard let when = table["when"]?.table, !when.isEmpty else {
                throw error("escalation '\(name)': 'when' must name at least one factor = level", key: "when")
            }
            let conditions = try when.keys.sorted().map { key throws(ConfigFileError) in
                guard let factor = Factor(key: key) else {
                    throw error("escalation '\(name)': unknown factor '\(key)'", key: "when")
                }
                guard let token = when[key]?.string,
                      let levelIndex = factor.levelTokens.firstIndex(of: Token.normalise(token)) else {
                    throw error(
                        "escalation '\(name)': \(key) must be one of \(factor.levelTokens.joined(separator: ", "))",
                        key: "when")
                }
                return EscalationRule.Condition(factor: factor, levelIndex: levelIndex)
            }
            return EscalationRule(
                name: name, raiseTo: tier, reason: table["reason"]?.string ?? "",
                regulation: table["regulation"]?.string ?? "", conditions: conditions)
        }
    }
}
