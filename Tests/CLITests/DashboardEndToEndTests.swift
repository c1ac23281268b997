import Foundation
import Testing

/// The real binary in a real terminal (tmux), driven by keystrokes.
@Suite("Dashboard end to end", .serialized)
struct DashboardEndToEndTests {
    let radrisk = RadRiskProcess.executable.path

    /// A database holding the sample inventory.
    func sampleDatabase() throws -> String {
        let path = RadRiskProcess.temporaryDirectory() + "/inventory.sqlite"
        let result = try RadRiskProcess.run(["import", RadRiskProcess.sample("inventory.csv"), "--db", path])
        #expect(result.status == 0)
        return path
    }

    @Test func aPersonFiltersSortsEditsComparesExportsAndQuits() throws {
        let database = try sampleDatabase()
        let tmux = try TmuxSession("'\(radrisk)' --db '\(database)'", width: 100, height: 30)
        var screen = try tmux.waitFor("48 systems")
        #expect(screen.contains("NHP-DX-033"))

        // Filter, then clear.
        try tmux.send("/")
        try tmux.type("pallas")
        screen = try tmux.waitFor { $0.contains("Filter: /pallas") && $0.contains("5 systems") }
        #expect(screen.contains("Filter: /pallas") && screen.contains("5 systems"))
        try tmux.send("Enter")
        try tmux.send("Escape")
        try tmux.waitFor("48 systems")

        // Sort by tier, then by name.
        try tmux.send("s")
        try tmux.waitFor("Sort: tier")
        try tmux.send("s")
        screen = try tmux.waitFor("Sort: name")

        // Back to score order, open the riskiest system's detail.
        for _ in 0..<5 { try tmux.send("s") }
        try tmux.waitFor("Sort: score")
        try tmux.send("g", "Enter")
        screen = try tmux.waitFor("FACTOR")
        #expect(screen.contains("NHP-DX-033  PanoReader"))
        #expect(screen.contains("Score 91.0 / 100"))

        // Edit encryption in transit to TLS 1.2 and save with Ctrl-S.
        try tmux.send("e")
        try tmux.waitFor("Live score")
        for _ in 0..<12 { try tmux.send("Down") }
        try tmux.waitFor("< legacy_tls >")
        try tmux.send("Left")
        try tmux.waitFor("< tls12_plus >")
        try tmux.send("C-s")
        screen = try tmux.waitFor("Saved NHP-DX-033")
        #expect(screen.contains("score 91.0 -> 86.0"))
        try tmux.send("q")
        screen = try tmux.waitFor("48 systems")
        let row = screen.split(separator: "\n").first { $0.contains("NHP-DX-033") }
        #expect(row?.contains("86.0") == true)

        // Compare the two riskiest systems.
        try tmux.send("g", "c")
        screen = try tmux.waitFor("Compare 2 systems")
        #expect(screen.contains("▲") && screen.contains("▼"))
        try tmux.send("q")

        // Export the critical tier from the dashboard.
        let export = RadRiskProcess.temporaryDirectory() + "/critical.csv"
        try tmux.send("4")
        try tmux.waitFor("Tiers: critical")
        try tmux.send("x")
        try tmux.waitFor("Export 8 systems")
        try tmux.send("C-u")
        try tmux.type(export)
        try tmux.send("Enter")
        try tmux.waitFor("Exported 8 systems")
        let written = try String(contentsOfFile: export, encoding: .utf8)
        #expect(written.split(separator: "\r\n").count == 9)

        try tmux.send("q")
        let ended = try #require(tmux.afterExit())
        #expect(ended.status == 0)
        #expect(ended.stty.isCookedTerminal)

        // The saved edit is in the database for every other tool.
        let cli = try RadRiskProcess.run(["export", "--db", database])
        let line = cli.stdout.split(separator: "\r\n").first { $0.hasPrefix("NHP-DX-033,") }
        #expect(line?.contains(",tls12_plus,") == true)
        #expect(line?.contains(",86.0,critical,") == true)
    }

    @Test func anEditFromAnotherProcessAppearsWithinASecondOrSo() throws {
        let database = try sampleDatabase()
        let tmux = try TmuxSession("'\(radrisk)' --db '\(database)'", width: 100, height: 30)
        var screen = try tmux.waitFor("48 systems")
        #expect(screen.contains("91.0"))
        let edit = try RadRiskProcess.run(["edit", "NHP-DX-033", "--set", "encryption_in_transit=mutual_tls", "--db", database])
        #expect(edit.status == 0)
        screen = try tmux.waitFor(5) { $0.contains("Changed by \(ProcessInfo.processInfo.userName): NHP-DX-033 encryption_in_transit") }
        let row = screen.split(separator: "\n").first { $0.contains("NHP-DX-033") }
        #expect(row?.contains("84.0") == true)
        try tmux.send("q")
        _ = tmux.afterExit()
    }

    @Test func aReadOnlyDashboardSaysSoRefusesEditsAndStillSeesOthersChanges() throws {
        let database = try sampleDatabase()
        let tmux = try TmuxSession("'\(radrisk)' open --read-only --db '\(database)'", width: 100, height: 30)
        try tmux.waitFor { $0.contains("48 systems") && $0.contains("READ-ONLY") }
        try tmux.send("e")
        try tmux.waitFor("editing, deleting and restoring are off")
        let edit = try RadRiskProcess.run(["edit", "NHP-DX-033", "--set", "encryption_in_transit=mutual_tls", "--db", database])
        #expect(edit.status == 0)
        let screen = try tmux.waitFor(5) { $0.contains("Changed by \(ProcessInfo.processInfo.userName): NHP-DX-033") }
        #expect(screen.split(separator: "\n").first { $0.contains("NHP-DX-033") }?.contains("84.0") == true)
        try tmux.send("q")
        _ = tmux.afterExit()
    }

    @Test func resizingShowsANoticeWhenTooSmallAndRedrawsWhenLarge() throws {
        let tmux = try TmuxSession("'\(radrisk)' demo", width: 80, height: 24)
        try tmux.waitFor("48 systems")
        try tmux.resize(width: 60, height: 15)
        try tmux.waitFor("terminal too small (need 80x24)")
        try tmux.resize(width: 200, height: 60)
        let screen = try tmux.waitFor("48 systems")
        #expect(screen.split(separator: "\n").count >= 50)
        #expect(screen.contains("NHP-MG-005"))
        try tmux.send("q")
        #expect(tmux.afterExit()?.stty.isCookedTerminal == true)
    }

    @Test func hangupRestoresTheTerminalAndExits() throws {
        let tmux = try TmuxSession("'\(radrisk)' demo", width: 100, height: 30)
        try tmux.waitFor("48 systems")
        let pid = try #require(try tmux.programPID())
        kill(pid, SIGHUP)
        let ended = try #require(tmux.afterExit())
        #expect(ended.status == 128 + SIGHUP)
        #expect(ended.stty.isCookedTerminal)
        #expect(!(try tmux.capture()).contains("48 systems"))
    }

    @Test func aHangupDuringAnEditKeepsADraftForNextTime() throws {
        let database = try sampleDatabase()
        let first = try TmuxSession("'\(radrisk)' --db '\(database)'", width: 100, height: 30)
        try first.waitFor("48 systems")
        try first.send("e")
        try first.waitFor("Live score")
        try first.type(" draft")
        try first.waitFor("PanoReader draft")
        let pid = try #require(try first.programPID())
        kill(pid, SIGHUP)
        let ended = try #require(first.afterExit())
        #expect(ended.status == 128 + SIGHUP)
        #expect(ended.stty.isCookedTerminal)

        try expectDraftOffered("PanoReader draft", in: database)
    }

    /// Opens the dashboard again and checks that editing offers back a draft holding `typed`.
    func expectDraftOffered(_ typed: String, in database: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let tmux = try TmuxSession("'\(radrisk)' --db '\(database)'", width: 100, height: 30)
        try tmux.waitFor("48 systems")
        try tmux.send("e")
        let offered = try tmux.waitFor("Ctrl-R restores it")
        #expect(offered.contains("Ctrl-R restores it") && !offered.contains(typed), sourceLocation: sourceLocation)
        try tmux.send("C-r")
        #expect(try tmux.waitFor(typed).contains(typed), sourceLocation: sourceLocation)
        try tmux.send("Escape")
        try tmux.waitFor("Discard your changes")
        try tmux.send("y", "q")
        _ = tmux.afterExit()
    }

    /// Over SSH the shell owns the terminal: a dropped link sends the program two hang-ups, the
    /// shell's and then the kernel's, and the second must not cost the draft.
    @Test func aDroppedLinkUnderAnInteractiveShellKeepsTheDraft() throws {
        let database = try sampleDatabase()
        let first = try TmuxSession(interactiveShellWidth: 120, height: 40)
        try first.type("'\(radrisk)' open --db '\(database)'")
        try first.send("Enter")
        try first.waitFor("48 systems")
        try first.send("e")
        try first.waitFor("Live score")
        try first.type(" DRAFT3")
        try first.waitFor("PanoReader DRAFT3")
        let pid = try #require(try first.programPID())
        try first.hangUp()
        #expect(waitUntilEnded(pid))
        try expectDraftOffered("PanoReader DRAFT3", in: database)
    }

    /// Waits (at most 15 s) until the process is gone or a zombie: once orphaned by its shell it is
    /// not ours to wait for.
    private func waitUntilEnded(_ pid: Int32) -> Bool {
        let deadline = Date().addingTimeInterval(15)
        repeat {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let state = stat.split(separator: ")").last?.split(separator: " ").first, state != "Z" else { return true }
            Thread.sleep(forTimeInterval: 0.1)
        } while Date() < deadline
        return false
    }

    @Test(arguments: [["NO_COLOR": "1"], [:]])
    func withoutColourTiersStayDistinguishable(environment: [String: String]) throws {
        // Monochrome with colours allowed (`swift test` sets NO_COLOR), or the default theme under NO_COLOR.
        let command = environment.isEmpty ? "env -u NO_COLOR '\(radrisk)' demo --theme monochrome" : "'\(radrisk)' demo"
        let tmux = try TmuxSession(command, width: 100, height: 30, environment: environment)
        try tmux.waitFor("48 systems")
        let escaped = try tmux.capture(escapes: true)
        // SGR colour parameters (30-37, 38;5;N, 40-47, 48;5;N, 90-97, 100-107) must not appear.
        let colour = try Regex(#"\e\[[0-9;]*(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m"#)
        #expect(escaped.firstMatch(of: colour) == nil)
        let plain = try tmux.capture()
        for tier in ["CRITICAL", "HIGH", "MODERATE", "LOW"] { #expect(plain.contains(tier)) }
        // Critical is drawn reversed and comes last in the tier bar: its segment is reversed
        // spaces, which show solid, where reversed full blocks would show as an empty stretch.
        let bar = try #require(escaped.split(separator: "\n").first { $0.contains("L█") })
        #expect(bar.contains("H█") && bar.firstMatch(of: #/\e\[7mC {2,}$/#) != nil, "\(bar.debugDescription)")
        try tmux.send("q")
        _ = tmux.afterExit()
    }

    /// In colour every tier's segment of the bar shows: blocks in its colour where that is the
    /// text's, spaces where it is the background (critical, here last). Themes give every role the
    /// normal background; blocks drawn as spaces there would leave an empty stretch. (`swift test`
    /// runs its tests with `NO_COLOR` set: the dashboard is started without it.)
    @Test(arguments: ["default", "high-contrast", "solarized-dark"])
    func everyTiersSegmentOfTheBarShowsInColour(theme: String) throws {
        let tmux = try TmuxSession("env -u NO_COLOR '\(radrisk)' demo --theme \(theme)", width: 100, height: 30)
        let plain = try tmux.waitFor("48 systems")
        let bar = try #require(plain.split(separator: "\n").first { $0.contains("L█") })
        #expect(bar.contains("M█") && bar.contains("H█") && bar.hasSuffix("C"), "\(bar)")
        let escaped = try tmux.capture(escapes: true)
        #expect(escaped.contains("\u{1B}[41m") || escaped.contains("\u{1B}[48;5;"), "no background colour on the screen")
        try tmux.send("q")
        _ = tmux.afterExit()
    }

    @Test func aBrokenThemeFallsBackToTheDefaultWithAMessage() throws {
        let theme = RadRiskProcess.temporaryDirectory() + "/broken.toml"
        try "name = \"broken\"\n[roles]\nnot_a_role = { fg = \"red\" }\n".write(toFile: theme, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession("'\(radrisk)' demo --theme '\(theme)'", width: 120, height: 30)
        let screen = try tmux.waitFor("48 systems")
        #expect(screen.contains("broken.toml:3"))
        #expect(screen.contains("default theme in use"))
        try tmux.send("q")
        _ = tmux.afterExit()
    }

    @Test func anUnknownTerminalTypeGetsAClearMessage() throws {
        let result = try RadRiskProcess.run(["demo"], environment: ["TERM": "no-such-terminal"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("terminal"))
    }
}
