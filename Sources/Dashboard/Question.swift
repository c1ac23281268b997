/// A question put in the status line: a line of text to type, or yes / no.
struct Question {
    enum Kind {
        /// Free text, e.g. a file path or a search; `onChange` sees each edit (live filtering).
        case text(initial: String, onChange: ((String) -> Void)?)
        /// y confirms, anything else declines.
        case confirm
        /// One of these keys answers (with that character), anything else declines.
        case choice(Set<Character>)
    }

    let prompt: String
    let kind: Kind
    /// Called with the typed text (or "y") when the user confirms.
    let onAnswer: (String) -> Outcome
    /// Called when the user declines or presses Esc.
    let onCancel: () -> Outcome

    static func confirm(_ prompt: String, onCancel: @escaping () -> Outcome = { .handled }, onYes: @escaping () -> Outcome) -> Question {
        Question(prompt: prompt, kind: .confirm, onAnswer: { _ in onYes() }, onCancel: onCancel)
    }

    static func choice(
        _ prompt: String, keys: Set<Character>, onCancel: @escaping () -> Outcome = { .handled },
        onAnswer: @escaping (Character) -> Outcome
    ) -> Question {
        Question(prompt: prompt, kind: .choice(keys), onAnswer: { onAnswer(Character($0)) }, onCancel: onCancel)
    }

    static func text(
        _ prompt: String, initial: String = "", onChange: ((String) -> Void)? = nil,
        onCancel: @escaping () -> Outcome = { .handled }, onAnswer: @escaping (String) -> Outcome
    ) -> Question {
        Question(prompt: prompt, kind: .text(initial: initial, onChange: onChange), onAnswer: onAnswer, onCancel: onCancel)
    }
}
