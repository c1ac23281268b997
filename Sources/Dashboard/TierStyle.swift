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

    /// Starts the tier's segment of the distribution bar, whose cells are otherwise alike but for
    /// their colour: L, M, H, C.
    var letter: String { String(label.prefix(1)) }
}
