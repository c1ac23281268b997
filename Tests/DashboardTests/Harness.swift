import Dashboard
import Foundation
import Inventory
import InventoryFiles
import RiskModel
import TerminalUI
import TerminalUITesting
import Testing

let today = CalendarDate(year: 2026, month: 11, day: 25)!
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A dashboard over an in-memory inventory, drawn into an in-memory screen.
final class Harness {
    let store: InventoryStore
    let app: DashboardApp
    let screen: InMemoryScreen
    private(set) var lastExit: DashboardApp.Exit?

    init(size: Size = Size(width: 80, height: 24), csv: String? = nil, glyphs: Glyphs = .unicode, homeDirectory: String? = nil) throws {
        store = try InventoryStore(inMemoryWith: .standard, user: "officer", clock: { "2026-11-25T09:00:00Z" })
        let text = try csv ?? String(contentsOf: repositoryRoot.appendingPathComponent("SampleData/inventory.csv"), encoding: .utf8)
        let summary = try store.importCSV(MemoryByteSource(text), file: "inventory.csv", today: today)
        #expect(summary.committed || text.isEmpty)
        var options = DashboardApp.Options(inventoryName: "inventory.sqlite", today: today)
        if let homeDirectory { options.homeDirectory = homeDirectory }
        app = DashboardApp(store: store, options: options)
        screen = InMemoryScreen(size: size, glyphs: glyphs)
    }

    init(store: InventoryStore, size: Size = Size(width: 80, height: 24), refreshTicks: Int = 10) {
        self.store = store
        var options = DashboardApp.Options(inventoryName: "inventory.sqlite", today: today)
        options.idleTicksBetweenRefreshChecks = refreshTicks
        app = DashboardApp(store: store, options: options)
        screen = InMemoryScreen(size: size)
    }

    /// The status line, with the rows above it that a long message or question wraps onto.
    var statusText: String { screen.lines.suffix(3).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") }

    /// Lets the dashboard sit idle for `ticks` input timeouts.
    func idle(_ ticks: Int) {
        lastExit = app.run(screen: screen, input: ScriptedInput(Array(repeating: .timeout, count: ticks)))
    }

    /// Sends keys as a person would type them, then the screen shows the result.
    @discardableResult
    func press(_ keys: Key...) -> Harness { press(keys) }

    @discardableResult
    func press(_ keys: [Key]) -> Harness {
        lastExit = app.run(screen: screen, input: ScriptedInput(keys: keys))
        return self
    }

    @discardableResult
    func type(_ text: String) -> Harness { press(text.map { Key.character($0) }) }

    var text: String { screen.text }

    func resize(to size: Size) {
        screen.resize(to: size)
        press(.resize)
    }

    /// The row showing `id` in the list, if it is on screen.
    func row(of id: String) -> Int? { screen.rows(containing: id).first }
}

/// Compares a screen with a reviewed snapshot in Snapshots/. A missing snapshot (or
/// RADRISK_RECORD_SNAPSHOTS=1) is written and the test fails, so it is reviewed before it counts.
func expectSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = repositoryRoot.appendingPathComponent("Tests/DashboardTests/Snapshots/\(name).txt")
    let recording = ProcessInfo.processInfo.environment["RADRISK_RECORD_SNAPSHOTS"] == "1"
    guard !recording, let expected = try? String(contentsOf: url, encoding: .utf8) else {
        try? (text + "\n").write(to: url, atomically: true, encoding: .utf8)
        Issue.record("recorded snapshot \(name); review it and run again", sourceLocation: sourceLocation)
        return
    }
    #expect(text + "\n" == expected, "screen differs from snapshot \(name)", sourceLocation: sourceLocation)
}
