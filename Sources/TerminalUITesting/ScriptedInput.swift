import TerminalUI

/// An `InputSource` that plays back a fixed list of events, then reports `.endOfInput` for ever
/// (so an app loop driven by it always ends).
public final class ScriptedInput: InputSource {
    private var events: [InputEvent]
    private var position = 0
    /// The timeouts the app asked for, one per `next` call.
    public private(set) var requestedTimeouts: [Int] = []
    /// Whether the script's keys count as typed ahead (`hasInputWaiting` while a key is left), as
    /// when a person holds a key down; by default each is typed once the screen before it is done.
    public var typedAhead = false

    public init(_ events: [InputEvent]) {
        self.events = events
    }

    public convenience init(keys: [Key]) {
        self.init(keys.map { .key($0) })
    }

    /// Keys for each character of `text` (typing it), e.g. `ScriptedInput.typing("São")`.
    public static func keys(typing text: String) -> [Key] {
        text.map { .character($0) }
    }

    /// The events not yet played.
    public var remaining: [InputEvent] { Array(events[position...]) }

    /// Appends events to the end of the script.
    public func append(_ more: [InputEvent]) {
        events += more
    }

    public var hasInputWaiting: Bool {
        guard typedAhead, position < events.count, case .key = events[position] else { return false }
        return true
    }

    public func next(timeoutMilliseconds: Int) -> InputEvent {
        requestedTimeouts.append(timeoutMilliseconds)
        guard position < events.count else { return .endOfInput }
        defer { position += 1 }
        return events[position]
    }
}
