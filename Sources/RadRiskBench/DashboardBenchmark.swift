import ArgumentParser
import Dashboard
import Foundation
import Inventory
import RiskModel
import TerminalUI
import TerminalUITesting

/// `radrisk-bench dashboard`: opens a database the way `radrisk open` does, runs the real
/// dashboard over an in-memory screen, and times each keystroke from its delivery to the frame
/// that shows its result.
struct DashboardBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Time the dashboard's first screen and keystrokes on a database, headless.",
        discussion: """
            Each run opens the database afresh, draws the first screen, then plays a fixed script of \
            keys (moving, paging, tier filter, text filter typed a character at a time, its first two \
            characters applied with Enter, every sort column, reverse, then in every order a tier \
            filter, two more tiers, the end of the list, the next order with the tiers on, and all \
            tiers again). Prints one JSON object per line, {"operation": ..., "milliseconds": \
            [...], "ready_milliseconds": [...]}, one sample per run: until the key's result is \
            shown, and until the dashboard asks for the next key (work it left for after the frame, \
            such as counting the list position, done too). A last line gives the peak resident memory.

            Example:
              radrisk-bench dashboard --db /tmp/inventory-1m.sqlite --runs 5
            """)

    @Option(name: .long, help: ArgumentHelp("The inventory database (opened read-mostly, as `radrisk open` does).", valueName: "path"))
    var db: String

    @Option(name: .long, help: "How many times to open the database and play the script.")
    var runs = 3

    @Option(name: .long, help: "Text typed after / (at least 4 characters; the 3rd and 4th are reported on their own).")
    var filter = "neur"

    @Option(name: .long, help: "Screen width in cells.")
    var width = 120

    @Option(name: .long, help: "Screen height in cells.")
    var height = 40

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard filter.count >= 4 else { throw ValidationError("--filter needs at least 4 characters") }
        guard FileManager.default.fileExists(atPath: db) else { throw ValidationError("no database at \(db)") }
    }

    func run() throws {
        var samples: [(operation: String, milliseconds: [Double], ready: [Double])] = []
        var header = ""
        for _ in 0..<runs {
            let stopwatch = KeystrokeStopwatch(size: Size(width: width, height: height), script: script)
            let start = ContinuousClock.now
            // What `radrisk open` does before the first frame: open the store, build the app, draw.
            let store = try InventoryStore(path: db, policy: .standard)
            let app = DashboardApp(store: store, options: DashboardApp.Options(inventoryName: URL(fileURLWithPath: db).lastPathComponent, today: today))
            stopwatch.start(at: start)
            _ = app.run(screen: stopwatch, input: stopwatch)
            for (index, timing) in stopwatch.timings.enumerated() {
                if samples.count <= index { samples.append((timing.operation, [], [])) }
                samples[index].milliseconds.append(timing.milliseconds)
                samples[index].ready.append(timing.readyMilliseconds)
            }
            header = stopwatch.firstFrameHeader
        }
        for sample in samples {
            func rounded(_ values: [Double]) -> [Double] { values.map { ($0 * 1000).rounded() / 1000 } }
            printJSON(["operation": sample.operation, "milliseconds": rounded(sample.milliseconds), "ready_milliseconds": rounded(sample.ready)])
        }
        printJSON(["peak_rss_mb": ProcessMemory.peakResidentMegabytes, "runs": runs, "first_screen_header": header])
    }

    /// The keys played after the first screen, each with the name it is reported under.
    var script: [(String, Key)] {
        var keys: [(String, Key)] = [
            ("down", .down), ("page down", .pageDown), ("page up", .pageUp), ("end (G)", .end), ("home (g)", .home),
            ("tier filter (3)", .character("3")), ("all tiers (0)", .character("0")),
            ("filter prompt (/)", .character("/")),
        ]
        for (offset, character) in filter.enumerated() {
            keys.append(("filter char \(offset + 1) '\(character)'", .character(character)))
        }
        keys += [("filter enter", .enter), ("page down (filtered)", .pageDown), ("clear filter (Esc)", .escape)]
        // Its first two characters, applied with Enter: the list filters as typed from three.
        keys.append(("short filter prompt (/)", .character("/")))
        for (offset, character) in filter.prefix(2).enumerated() {
            keys.append(("short filter char \(offset + 1) '\(character)'", .character(character)))
        }
        keys += [("short filter enter", .enter), ("page down (short filter)", .pageDown), ("clear short filter (Esc)", .escape)]
        // `s` steps through every sort column, from the default (score) round to score again.
        let order = SortKey.allCases
        let start = order.firstIndex(of: InventoryQuery().sort)!
        for step in 1...order.count {
            keys.append(("sort by \(order[(start + step) % order.count].rawValue) (s)", .character("s")))
        }
        keys.append(("reverse sort (S)", .character("S")))
        keys.append(("reverse sort back (S)", .character("S")))
        // Tier filters in every order (the tier index gives score order alone): the rarest tier (low),
        // two more, the end of the list; then the next order with the tiers still on, the
        // selected row kept (its place in the list is counted after the frame), and all tiers.
        keys.append(("sort by \(order[(start + 1) % order.count].rawValue), to filter (s)", .character("s")))
        for step in 1...order.count {
            let sort = order[(start + step) % order.count].rawValue
            let next = order[(start + step + 1) % order.count].rawValue
            keys += [
                ("tier filter low (1), \(sort) order", .character("1")),
                ("add tier moderate (2), \(sort) order", .character("2")),
                ("add tier critical (4), \(sort) order", .character("4")),
                ("end (G), three tiers, \(sort) order", .end),
                ("sort by \(next), three tiers on (s)", .character("s")),
                ("all tiers (0), \(next) order", .character("0")),
            ]
        }
        return keys
    }

    private var today: CalendarDate {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: .current, from: Date())
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    private func printJSON(_ object: [String: Any]) {
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }
}

/// Both ends of the dashboard loop: the input that feeds it a script of keys, and the screen it
/// presents frames on (drawing into an `InMemoryScreen`). A key's time runs from its delivery to
/// the next `present()`, which is handling plus drawing, what a person waits for.
final class KeystrokeStopwatch: Screen, InputSource {
    private let screen: InMemoryScreen
    private let script: [(String, Key)]
    private var position = 0
    private var pending: (operation: String, since: ContinuousClock.Instant)?
    /// The key (or first screen) whose result was shown last, until the next key is asked for.
    private var shown: (index: Int, since: ContinuousClock.Instant)?
    private(set) var timings: [(operation: String, milliseconds: Double, readyMilliseconds: Double)] = []
    /// The first frame's top row ("RadRisk name ... N systems"), as a check of what was measured.
    private(set) var firstFrameHeader = ""

    init(size: Size, script: [(String, Key)]) {
        screen = InMemoryScreen(size: size)
        self.script = script
    }

    /// The first screen is timed from `instant` (before the database was opened).
    func start(at instant: ContinuousClock.Instant) {
        pending = ("first screen", instant)
    }

    // MARK: InputSource

    /// Each key is typed once the frame before it is done, as by a person reading the screen: work
    /// left for after a frame runs to its end, and "until the next key is read" times it.
    var hasInputWaiting: Bool { false }

    func next(timeoutMilliseconds: Int) -> InputEvent {
        if let (index, since) = shown {
            timings[index].readyMilliseconds = Self.milliseconds(since: since)
            shown = nil
        }
        guard position < script.count else { return .endOfInput }
        let (operation, key) = script[position]
        position += 1
        pending = (operation, .now)
        return .key(key)
    }

    // MARK: Screen

    var size: Size { screen.size }
    var glyphs: Glyphs { screen.glyphs }
    func clear() { screen.clear() }
    func put(_ text: String, row: Int, column: Int, role: StyleRole, maxWidth: Int?) -> Int {
        screen.put(text, row: row, column: column, role: role, maxWidth: maxWidth)
    }
    func fill(row: Int, column: Int, width: Int, role: StyleRole, character: Character) {
        screen.fill(row: row, column: column, width: width, role: role, character: character)
    }
    func setCursor(_ position: Point?) { screen.setCursor(position) }

    func present() {
        screen.present()
        guard let (operation, since) = pending else { return }
        let milliseconds = Self.milliseconds(since: since)
        timings.append((operation, milliseconds, milliseconds))
        shown = (timings.count - 1, since)
        if timings.count == 1 { firstFrameHeader = screen.lines.first ?? "" }
        pending = nil
    }

    private static func milliseconds(since instant: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - instant
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }
}

enum ProcessMemory {
    /// The process's peak resident set (VmHWM), in MB (10^6 bytes).
    static var peakResidentMegabytes: Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Double(line.split(separator: " ")[1]) else { return -1 }
        return (kilobytes * 1024 / 1e6 * 10).rounded() / 10
    }
}
