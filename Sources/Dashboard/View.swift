import TerminalUI

/// What a view asks of the app after handling a key: handler results as values, so views never
/// reach into the app (htop's `HandlerResult`).
enum Outcome {
    /// Nothing to do beyond redrawing.
    case handled
    /// Open another view on top of this one.
    case push(any DashboardView)
    /// Close this view (back to the one below; quitting when it is the last).
    case pop
    /// Close this view and show a message on the one below.
    case popWithMessage(String)
    /// Ask a question in the status line first; the answer's outcome follows.
    case ask(Question)
    /// Show a message in the status line.
    case message(String, isError: Bool)
    /// Leave the dashboard, asking first if a view holds unsaved changes.
    case quit
    /// Leave the dashboard without asking.
    case quitNow
}

/// One screen of the dashboard. Views draw onto any `Screen`, so tests render them into memory.
protocol DashboardView: AnyObject {
    /// The screen's name in the help screen's title.
    var title: String { get }
    /// Every key of this screen, for the help screen and the status line.
    var helpLines: [HelpLine] { get }
    var hints: [HelpLine] { get }
    /// Draws into the rows `area` of `screen` (the app draws the status line below it).
    func draw(on screen: any Screen, area: Rect)
    func handle(_ key: Key) -> Outcome
    /// Called when the view comes back on top (after a pushed view closes), e.g. to reload rows.
    func becameVisible()
    /// True while the view holds unsaved work: quitting then asks first.
    var hasUnsavedChanges: Bool { get }
    /// Printable keys are text typed into the view, `?` included: help opens with F1 alone.
    var takesTypedText: Bool { get }
    /// Another process changed the inventory: re-read what is shown. Forms keep what is typed
    /// (a save still checks the version it started from).
    func refreshAfterExternalChange()
    /// Work the last key left for after its frame (a row's position in a long list): done right
    /// after that frame is shown, unless `stop` says a key is waiting (then it is tried again
    /// after that key, or when the input is idle); true when it was done, so the screen is drawn
    /// again.
    func finishDeferredWork(unless stop: () -> Bool) -> Bool
}

extension DashboardView {
    func becameVisible() {}
    func refreshAfterExternalChange() { becameVisible() }
    var hasUnsavedChanges: Bool { false }
    var takesTypedText: Bool { false }
    func finishDeferredWork(unless stop: () -> Bool) -> Bool { false }
}

/// A rectangle of cells.
struct Rect: Hashable, Sendable {
    var row: Int
    var column: Int
    var width: Int
    var height: Int

    var bottom: Int { row + height }
}
