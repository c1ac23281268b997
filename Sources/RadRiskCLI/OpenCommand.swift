import ArgumentParser
import CursesTerminal
import Dashboard
import Foundation
import Inventory
import InventoryFiles
import TerminalUI

/// `--theme`, `--color` and `--ascii`, shared by the commands that open the dashboard.
struct TerminalArguments: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A theme name (default, high-contrast, monochrome, solarized-dark, solarized-light, or one in ~/.config/radrisk/themes) or a path to a .toml file.", valueName: "name"))
    var theme = "default"

    @Option(name: .long, help: "Use colours: auto (when the terminal has them and NO_COLOR is unset), always, or never.")
    var color: ColorMode = .auto

    @Flag(name: .long, help: "Draw boxes and bars with ASCII characters only.")
    var ascii = false
}

extension ColorMode: ExpressibleByArgument {}

struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the dashboard on the inventory (what `radrisk` alone does).",
        discussion: """
            Browse, filter, sort, edit and compare systems; press ? on any screen for its keys.

            Example:
              radrisk open --db /srv/radrisk/inventory.sqlite --theme high-contrast
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var policyOptions: PolicyOptions
    @OptionGroup var terminal: TerminalArguments

    @Flag(name: .long, help: "Browse without changing anything (an inventory you cannot write opens this way by itself).")
    var readOnly = false

    func run() throws {
        try running {
            // The dashboard shows the inventory's name and can add systems: a new one is a start.
            let store = try database.openStore(policy: try policyOptions.given(), readOnly: readOnly, creating: true)
            let name = URL(fileURLWithPath: store.path).lastPathComponent
            try DashboardSession.run(store: store, inventoryName: name, terminal: terminal)
        }
    }
}

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the dashboard on a fresh temporary copy of the sample inventory.",
        discussion: """
            Nothing you change in the demo touches your own inventory; the copy is deleted on exit.

            Example:
              radrisk demo --theme solarized-dark
            """)

    @OptionGroup var policyOptions: PolicyOptions
    @OptionGroup var terminal: TerminalArguments

    func run() throws {
        try running {
            let environment = ProcessInfo.processInfo.environment
            guard let sample = BundledFiles.sampleInventory(environment: environment) else {
                throw fail("cannot find SampleData/inventory.csv beside the program; set RADRISK_SHARE to the folder that holds SampleData", ExitStatus.inputMissing)
            }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("radrisk-demo-\(getpid())-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            defer { try? FileManager.default.removeItem(at: directory) }
            let store = try InventoryStore(path: directory.appendingPathComponent("demo.sqlite").path, policy: try policyOptions.load())
            let summary = try store.importCSV(try FileByteSource(path: sample), file: sample, today: Today.date)
            guard summary.committed else {
                summary.issues.report.forEach(printError)
                throw fail("the sample inventory did not import", ExitStatus.invalidData)
            }
            try DashboardSession.run(store: store, inventoryName: "Sample inventory (demo copy)", terminal: terminal)
        }
    }
}

/// Starts the terminal, runs the dashboard, and restores the terminal on every way out.
enum DashboardSession {
    static func run(store: InventoryStore, inventoryName: String, terminal arguments: TerminalArguments) throws {
        let environment = ProcessInfo.processInfo.environment
        var notice: String?
        let theme: Theme
        switch Theme.resolve(arguments.theme, environment: environment, bundledDirectories: BundledFiles.themeDirectories(environment: environment)) {
        case .success(let resolved): theme = resolved
        case .failure(let error):
            theme = .builtInDefault
            notice = "default theme in use; \(error)"
            printError("radrisk: \(notice!)")
        }
        let options = TerminalOptions(colorMode: arguments.color, forceASCII: arguments.ascii, theme: theme)
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal.start(options: options, environment: environment)
        } catch {
            // Run without a terminal, or with a TERM curses does not know: used the wrong way.
            throw fail(error.description, ExitCode.validationFailure)
        }
        if !terminal.colorsEnabled, arguments.theme == "default",
           case .success(let monochrome) = Theme.resolve("monochrome", environment: environment, bundledDirectories: BundledFiles.themeDirectories(environment: environment)) {
            // Without colour the default theme's tiers would differ by hue alone.
            terminal.apply(theme: monochrome)
        }
        var appOptions = DashboardApp.Options(inventoryName: inventoryName, today: Today.date)
        appOptions.startupMessage = notice
        let app = DashboardApp(store: store, options: appOptions)
        let exit = app.run(screen: terminal.screen, input: terminal.input) { terminal.pendingSignal != nil }
        // Cut off (the link dropped, a hang-up or a kill): keep unsaved forms to offer back later,
        // before `stop` puts back the default actions that a hang-up arriving late would meet.
        if exit != .quit { app.keepDrafts() }
        terminal.stop()
        terminal.reraisePendingSignal()
        if exit == .endOfInput { throw ExitCode(0) }
    }
}
