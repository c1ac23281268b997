import RiskModel
import TerminalUI

extension Tier {
    /// The role a tier is drawn in. The tier's word is always drawn too, so colour is never the
    /// only signal (monochrome themes, `NO_COLOR`, colour-blind readers).
    var role: StyleRole {
        switch self {
        case .low: .tierLow
        case .moderate: .tierModerate
        case .high: .tierHigh
        case .critical: .tierCritical
        }
    }

    var label: String { token.uppercased() }
}
