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

    /// Every field's text by column name, to keep as a draft.
    var fieldTexts: [String: String] {
        Dictionary(uniqueKeysWithValues: drafts.map { ($0.key.header, $0.value) })
    }

    /// Puts back the texts of a kept draft (unknown names are ignored).
    mutating func restore(_ texts: [String: String]) {
        for (name, text) in texts {
            if let column = Column(header: name), isEditable(column) { drafts[column] = text }
        }
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
