/// The risk tier of a system, from its score and then raised (never lowered) by escalation rules.
public enum Tier: Int, FactorLevel {
    case low, moderate, high, critical
    public static let tokens = ["low", "moderate", "high", "critical"]
    public static let vectorCodes = ["L", "M", "H", "C"]
}
