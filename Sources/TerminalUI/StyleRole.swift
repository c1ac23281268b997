/// What a piece of the screen *is*, never what colour it has: themes map each role to a `Style`.
///
/// Roles are flat and semantic so that a theme file can name every element of the dashboard without
/// knowing the widget tree. The raw value is the role's name in a theme file's `[roles]` table.
public enum StyleRole: String, CaseIterable, Sendable {
    case normal = "normal"
    case dim = "dim"
    case title = "title"
    case header = "header"
    case headerCount = "header_count"
    case border = "border"
    case statusBar = "status_bar"
    case statusMessage = "status_message"
    case statusError = "status_error"
    case keyHint = "key_hint"
    case selection = "selection"
    case marked = "marked"
    case markedSelection = "marked_selection"
    case tierLow = "tier_low"
    case tierModerate = "tier_moderate"
    case tierHigh = "tier_high"
    case tierCritical = "tier_critical"
    case better = "better"
    case worse = "worse"
    case barFill = "bar_fill"
    case barEmpty = "bar_empty"
    case fieldLabel = "field_label"
    case fieldValue = "field_value"
    case fieldFocus = "field_focus"
    case fieldError = "field_error"
    case dialog = "dialog"
    case dialogTitle = "dialog_title"
    case searchMatch = "search_match"
}
