/// `--color auto|always|never`.
public enum ColorMode: String, CaseIterable, Sendable {
    /// Colours when the terminal has them and `NO_COLOR` is unset or empty.
    case auto
    /// Colours whenever the terminal has them, even with `NO_COLOR`.
    case always
    /// Attributes only (bold, underline, reverse, dim).
    case never

    /// Whether colours may be used on a terminal that `terminalHasColors`, given the environment.
    /// `NO_COLOR` counts when set to a non-empty value (https://no-color.org).
    public func allowsColor(terminalHasColors: Bool, environment: [String: String]) -> Bool {
        guard terminalHasColors else { return false }
        switch self {
        case .never: return false
        case .always: return true
        case .auto: return (environment["NO_COLOR"] ?? "").isEmpty
        }
    }
}
