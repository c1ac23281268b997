/// A closed set of levels for one attribute of a system, ordered from least to most risky as the
/// inventory contract lists them, `unknown` (where there is one) last.
///
/// Levels are `Int`-backed so that a policy can keep its points in arrays indexed by `rawValue`:
/// scoring a million rows must not hash a million strings per factor.
public protocol FactorLevel: RawRepresentable<Int>, CaseIterable, Hashable, Sendable, Comparable
where AllCases == [Self] {
    /// The contract's token for each case, indexed by `rawValue`.
    static var tokens: [String] { get }
    /// The risk-vector code of each case, indexed by `rawValue`.
    static var vectorCodes: [String] { get }
}

extension FactorLevel {
    public var token: String { Self.tokens[rawValue] }
    public var vectorCode: String { Self.vectorCodes[rawValue] }

    /// Matches a token as the contract allows: case-insensitively, spaces trimmed, `-` and a space
    /// counting as `_`.
    public init?(token: some StringProtocol) {
        let wanted = Token.normalise(token)
        guard let index = Self.tokens.firstIndex(of: wanted) else { return nil }
        self.init(rawValue: index)
    }

    public init?(vectorCode: some StringProtocol) {
        guard let index = Self.vectorCodes.firstIndex(of: String(vectorCode)) else { return nil }
        self.init(rawValue: index)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The allowed tokens, for error messages.
    public static var allowedTokens: String { tokens.joined(separator: ", ") }
}

/// Token normalisation shared by every place that reads a contract token.
public enum Token {
    public static func normalise(_ text: some StringProtocol) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.utf8.count)
        for scalar in text.trimmingSpaces.unicodeScalars {
            switch scalar {
            case "-", " ": result.unicodeScalars.append("_")
            case "A"..."Z": result.unicodeScalars.append(Unicode.Scalar(scalar.value + 32)!)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (no Foundation needed).
    public var trimmingSpaces: SubSequence {
        var start = startIndex
        var end = endIndex
        while start < end, self[start] == " " || self[start] == "\t" { start = index(after: start) }
        while end > start, self[index(before: end)] == " " || self[index(before: end)] == "\t" {
            end = index(before: end)
        }
        return self[start..<end]
    }
}
