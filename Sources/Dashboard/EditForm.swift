import InventoryFiles
import RiskModel

/// The edit form's data: the text of every contract field as typed, and what it validates to.
/// Every field goes through `FieldCodec`, so the form accepts exactly what import accepts.
struct EditForm {
    /// The system the form started from (for a new system, a blank one).
    let base: ImagingSystem
    let isNew: Bool
    private(set) var drafts: [Column: String]
    private let initialDrafts: [Column: String]
    private let today: CalendarDate

    init(system: ImagingSystem?, today: CalendarDate) {
        isNew = system == nil
        base = system ?? ImagingSystem(id: SystemID("new")!, name: "New system")
        self.today = today
        var drafts: [Column: String] = [:]
        for column in Column.allCases {
            drafts[column] = isNew && (column == .id || column == .name) ? "" : FieldCodec.text(of: column, in: base)
        }
        self.drafts = drafts
        initialDrafts = drafts
    }

    static let fields = Column.allCases

    var hasChanges: Bool { drafts != initialDrafts }

    func text(_ column: Column) -> String { drafts[column] ?? "" }

    /// The fields typed differently from where the form started, with their text.
    var editedTexts: [Column: String] { drafts.filter { initialDrafts[$0.key] != $0.value } }

    /// The text the field had when the form opened.
    func startingText(_ column: Column) -> String { initialDrafts[column] ?? "" }

    /// Puts back the texts of a kept draft (by column name; unknown names are ignored) on this
    /// form, which may have opened on a version saved after the draft was typed. A text comes back
    /// only where the saved text is still the one it was typed over; elsewhere a colleague may have
    /// saved since, and putting the draft over their value would undo it unseen, so theirs stays and
    /// the draft's text is returned, to be shown beside the field. Deciding field by field, rather
    /// than asking at save time, keeps a colleague's change to another field without a question,
    /// and never offers to overwrite one wholesale.
    mutating func restore(_ texts: [String: String], startedFrom: [String: String]) -> [Column: String] {
        var undecided: [Column: String] = [:]
        for (name, text) in texts {
            guard let column = Column(header: name), isEditable(column), text != startingText(column) else { continue }
            if startedFrom[name] == startingText(column) {
                drafts[column] = text
            } else {
                undecided[column] = text
            }
        }
        return undecided
    }

    mutating func set(_ column: Column, _ text: String) { drafts[column] = text }

    /// Whether the field can be changed here (an existing system's id cannot).
    func isEditable(_ column: Column) -> Bool { column != .id || isNew }

    /// The system as typed: every valid field applied, invalid ones left at their starting value,
    /// and the problem with each invalid one.
    var validated: (system: ImagingSystem, errors: [Column: FieldError]) {
        var system = base
        var errors: [Column: FieldError] = [:]
        for column in Column.allCases {
            do throws(FieldError) {
                try FieldCodec.set(column, text: text(column), on: &system, today: today)
            } catch {
                errors[column] = error
            }
        }
        return (system, errors)
    }

    /// Cycles an enumerated field to the next (or previous) allowed token.
    mutating func cycle(_ column: Column, by step: Int) {
        guard let choices = column.choices else { return }
        let current = choices.firstIndex(of: Token.normalise(text(column))) ?? (choices.count - 1)
        drafts[column] = choices[(current + step + choices.count) % choices.count]
    }
}
