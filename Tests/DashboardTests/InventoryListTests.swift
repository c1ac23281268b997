import Inventory
import InventoryFiles
import RiskModel
import TerminalUI
import TerminalUITesting
import Testing

@Suite("Inventory list")
struct InventoryListTests {
    @Test func showsTierCountsAndRiskiestFirst() throws {
        let harness = try Harness().press()
        let lines = harness.screen.lines
        #expect(lines[0].contains("48 systems"))
        #expect(lines[1].contains("LOW 10") && lines[1].contains("MODERATE 16") && lines[1].contains("HIGH 14") && lines[1].contains("CRITICAL 8"))
        #expect(lines[4].contains("NHP-DX-033") && lines[4].hasSuffix("CRITICAL"))
        #expect(harness.screen.role(atRow: 4, column: 2) == .selection)
        let tierColumn = lines[4].count - "CRITICAL".count
        #expect(harness.screen.role(atRow: 4, column: tierColumn) == .tierCritical)
    }

    /// Without colour the bar's cells differ in their text alone: each tier's segment starts with
    /// its letter and is as long as its share.
    @Test(arguments: [Glyphs.unicode, .ascii])
    func theTierBarTellsTheTiersApartWithoutColour(glyphs: Glyphs) throws {
        let line = try Harness(glyphs: glyphs).press().screen.lines[1]
        let bar = try #require(line.range(of: "CRITICAL 8  ")).upperBound
        let cells = Array(line[bar...].trimmingCharacters(in: .whitespaces))
        let starts = cells.indices.filter { "LMHC".contains(cells[$0]) }
        #expect(starts.map { cells[$0] } == ["L", "M", "H", "C"])
        #expect(cells.indices.filter { !starts.contains($0) }.allSatisfy { String(cells[$0]) == glyphs.barFull })
        let lengths = zip(starts, starts.dropFirst() + [cells.count]).map { $1 - $0 }
        for (length, count) in zip(lengths, [10, 16, 14, 8]) {
            #expect(abs(Double(length) - Double(count * cells.count) / 48) <= 1)
        }
    }

    /// The first row is selected when the dashboard opens: re-sorting keeps it too, shown first,
    /// or as far down as a full page needs.
    @Test func reSortingFromTheFirstRowKeepsItSelected() throws {
        let harness = try Harness().press(.character("s"), .character("s"))
        #expect(harness.screen.lines[2].contains("Sort: name"))
        let name = InventoryQuery(sort: .name, descending: false)
        let kept = try #require(try harness.store.summary(id: SystemID("NHP-DX-033")!, matching: name))
        let place = try #require(try harness.store.index(of: kept, in: name))
        #expect(place > 20)
        let row = 4 + max(0, place - (48 - 19))
        #expect(harness.screen.rows(containing: "NHP-DX-033") == [row])
        #expect(harness.screen.role(atRow: row, column: 2) == .selection)
        #expect(harness.screen.lines[2].hasSuffix("\(place + 1) of 48"))
    }

    /// Re-sorting keeps the selected row and counts its new place after the frame. A key typed
    /// meanwhile goes first: the count gives way, and is done once the input is idle.
    @Test func countingTheKeptRowsPlaceGivesWayToAKeyTypedAhead() throws {
        var csv = "id,name,data_locality,breaches_3y\n"
        for index in 0..<6_000 { csv += "sys-\(10_000 + index),Name \(10_000 + index),on_premises,0\n" }
        // The riskiest, so first in score order and selected; last by name, so shown last.
        csv += "sys-99999,Name 99999,vendor_cloud_cross_border,5\n"
        let harness = try Harness(csv: csv).press()
        #expect(harness.screen.lines[4].contains("sys-99999"))
        let input = ScriptedInput(keys: [.character("s"), .character("s"), .character("q")])
        input.typedAhead = true
        _ = harness.app.run(screen: harness.screen, input: input)
        #expect(harness.screen.lines[2].contains("Sort: name"))
        #expect(harness.screen.lines[2].hasSuffix("… of 6001"))
        #expect(harness.screen.rows(containing: "sys-99999") == [22])
        harness.idle(1)
        #expect(harness.screen.lines[2].hasSuffix("6001 of 6001"))
    }

    @Test func filterNarrowsTheListLiveAndEscapeClearsIt() throws {
        let harness = try Harness().press(.character("/"))
        harness.type("pallas")
        #expect(harness.text.contains("Filter: /pallas"))
        #expect(harness.screen.lines[0].contains("5 systems"))
        #expect(harness.screen.rows(containing: "Pallas").count == 5)
        harness.press(.enter, .escape)
        #expect(!harness.text.contains("Filter:"))
        #expect(harness.screen.lines[0].contains("48 systems"))
    }

    @Test func filterHitsAreHighlightedWhateverTheirCase() throws {
        let harness = try Harness().press(.character("/"))
        harness.type("pALLas")
        let rows = harness.screen.rows(containing: "Pallas")
        #expect(rows.count == 5)
        for row in rows {
            // The product name and the vendor both hold it: each occurrence is painted, nothing else.
            let line = Array(harness.screen.lines[row])
            let starts = (0...(line.count - 6)).filter { String(line[$0..<($0 + 6)]) == "Pallas" }
            #expect(starts.count == 2)
            #expect(harness.screen.columns(ofRow: row, withRole: .searchMatch) == starts.flatMap { Array($0..<($0 + 6)) })
        }
        harness.press(.enter, .escape)
        #expect((0..<harness.screen.size.height).allSatisfy { harness.screen.columns(ofRow: $0, withRole: .searchMatch).isEmpty })
    }

    @Test func nextMatchJumpsWithinTheWholeList() throws {
        let harness = try Harness().press(.character("/"))
        harness.type("Aurore")
        harness.press(.enter, .escape, .character("g"), .character("n"))
        let selected = try #require(harness.screen.lines.first { $0.hasPrefix("▶") })
        #expect(selected.contains("Aurore"))
        harness.press(.character("n"))
        let next = try #require(harness.screen.lines.first { $0.hasPrefix("▶") })
        #expect(next.contains("Aurore") && next != selected)
    }

    @Test func tierKeysFilterAndZeroShowsAll() throws {
        let harness = try Harness().press(.character("4"))
        #expect(harness.text.contains("Tiers: critical"))
        let rows = harness.screen.lines[4...].filter { $0.contains("NHP-") }
        #expect(rows.count == 8 && rows.allSatisfy { $0.hasSuffix("CRITICAL") })
        harness.press(.character("1"))
        #expect(harness.text.contains("Tiers: low,critical"))
        harness.press(.character("0"))
        #expect(!harness.text.contains("Tiers:"))
    }

    /// Two characters are applied with Enter, not as typed. The list then holds exactly the sample systems whose searched text holds them, in any
    /// case, and a tier key and a re-sort by name narrow and order just those.
    @Test func aShortFilterAppliedWithEnterCombinesWithATierAndASort() throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("SampleData/inventory.csv"), encoding: .utf8)
        var matching: [(id: String, name: String, tier: Tier)] = []
        _ = try InventoryReading.read(MemoryByteSource(text), file: "inventory.csv", today: today) { system, _ in
            let searched = [system.id.rawValue, system.name, system.vendor, system.site, system.clinicalUse, system.notes]
            guard searched.contains(where: { $0.lowercased().contains("ra") }) else { return }
            matching.append((system.id.rawValue, system.name, Policy.standard.assess(system.profile).tier))
        }
        let high = matching.filter { $0.tier == .high }
        #expect(matching.count > high.count && !high.isEmpty)

        let harness = try Harness(size: Size(width: 100, height: 60)).press(.character("/"))
        harness.type("rA")
        harness.press(.enter)
        #expect(harness.screen.lines[0].contains("\(matching.count) systems"))
        // The re-sort keeps the selected system, shown first: Home shows the list from its start.
        harness.press(.character("3"), .character("s"), .character("s"), .home)
        #expect(harness.text.contains("Filter: /rA") && harness.text.contains("Tiers: high") && harness.text.contains("Sort: name"))
        let shown = harness.screen.lines.compactMap { line in high.first { line.contains($0.id) }?.id }
        let byName = high.sorted { ($0.name, $0.id) < ($1.name, $1.id) }.map(\.id)
        #expect(shown == byName)
    }

    @Test func sortCyclesAndReversesKeepingTheSelection() throws {
        let harness = try Harness().press(.down, .down)
        let selected = try #require(harness.screen.lines.first { $0.hasPrefix("▶") })
        harness.press(.character("s"))
        #expect(harness.text.contains("Sort: tier"))
        harness.press(.character("s"))
        #expect(harness.text.contains("Sort: name"))
        #expect(harness.screen.lines.first { $0.hasPrefix("▶") } == selected)
        // Its position, counted after the re-sorted rows were shown, is its rank by name.
        let byName = try harness.store.page(InventoryQuery(sort: .name, descending: false), limit: 100).map(\.id.rawValue)
        let rank = try #require(byName.firstIndex { selected.contains($0) })
        #expect(harness.text.contains("\(rank + 1) of 48"))
        harness.press(.character("S"))
        #expect(harness.text.contains("Sort: name ↓"))
    }

    @Test func pagingReachesTheEndAndBack() throws {
        var csv = "id,name\n"
        for index in 1...200 { csv += "sys-\(1000 + index),System \(index)\n" }
        let harness = try Harness(csv: csv).press(.character("s"), .character("s"), .character("s"), .character("s"), .character("s"), .character("s"))
        #expect(harness.text.contains("Sort: id"))
        harness.press(.character("G"))
        #expect(harness.text.contains("200 of 200"))
        #expect(harness.screen.lines.first { $0.hasPrefix("▶") }?.contains("sys-1200") == true)
        harness.press(.character("g"), .pageDown)
        #expect(harness.text.contains("20 of 200") || harness.text.contains("21 of 200"))
        harness.press(.pageUp, .up)
        #expect(harness.text.contains("1 of 200"))
        for _ in 0..<25 { harness.press(.down) }
        #expect(harness.text.contains("26 of 200"))
        #expect(harness.screen.lines.first { $0.hasPrefix("▶") }?.contains("sys-1026") == true)
    }

    @Test func textFromADatabaseEditedByHandIsShownEscaped() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("radrisk-dash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("inventory.sqlite").path
        try InventoryStore(path: path, policy: .standard).add(ImagingSystem(id: SystemID("evil")!, name: "Evil"))
        // The contract forbids control characters, so only a hand edit can plant them.
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [path, "UPDATE system SET vendor = 'Vendor' || char(27) || ']0;owned' || char(7), notes = 'x' || char(27) || '[2J' WHERE id = 'evil'"]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0)
        let harness = Harness(store: try InventoryStore(path: path, policy: .standard), size: Size(width: 100, height: 120)).press()
        #expect(harness.text.contains("Vendor^[]0;own"))
        harness.press(.enter)
        #expect(!harness.text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(harness.text.contains("Vendor^[]0;owned^G"))
        harness.press(.character("G"))
        #expect(harness.text.contains("x^[[2J"))
        #expect(!harness.text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    @Test func theStoreRefusesControlCharactersFromTheForm() throws {
        let harness = try Harness()
        var system = try #require(try harness.store.system(id: SystemID("NHP-DX-033")!)).system
        system.vendor = "Vendor\u{1B}[31m"
        #expect(throws: InventoryError.self) { try harness.store.save(system, expectedVersion: nil) }
    }

    @Test func deleteAsksNamingTheSystem() throws {
        let harness = try Harness().press(.character("d"))
        #expect(harness.screen.lines.last?.contains("Delete NHP-DX-033 'PanoReader'?") == true)
        harness.press(.character("n"))
        #expect(harness.screen.lines[0].contains("48 systems"))
        harness.press(.character("d"), .character("y"))
        #expect(harness.screen.lines[0].contains("47 systems"))
        #expect(harness.screen.lines.last?.contains("Deleted NHP-DX-033") == true)
        #expect(try harness.store.system(id: SystemID("NHP-DX-033")!)?.archivedAt != nil)
        harness.press(.character("A"))
        #expect(harness.screen.lines[0].contains("RadRisk ARCHIVE") && harness.screen.lines[0].hasSuffix(" 1 system"))
        #expect(harness.screen.lines.first { $0.hasPrefix("▶") }?.contains("NHP-DX-033") == true)
        harness.press(.character("r"))
        #expect(harness.screen.lines.last?.contains("Restored NHP-DX-033") == true)
        harness.press(.character("A"))
        #expect(harness.screen.lines[0].contains("48 systems"))
    }

    /// The filter and tiers come along into the archive: hiding its systems is not emptiness.
    @Test func anArchiveWhoseSystemsTheFilterHidesSaysSoRatherThanEmpty() throws {
        let harness = try Harness().press(.character("d"), .character("y"), .character("A"))
        #expect(!harness.text.contains("The archive is empty"))
        harness.press(.character("1"))
        #expect(harness.text.contains("No system matches the filter."))
        #expect(!harness.text.contains("The archive is empty"))
        harness.press(.character("0"))
        #expect(harness.screen.lines.first { $0.hasPrefix("▶") }?.contains("NHP-DX-033") == true)
    }

    /// In the archive a system is deleted already, and kept there for good: d says so and asks nothing.
    @Test func deletingInTheArchiveSaysTheSystemIsDeletedAlreadyWithoutAsking() throws {
        let harness = try Harness().press(.character("d"), .character("y"), .character("A"))
        #expect(harness.screen.lines.first { $0.hasPrefix("▶") }?.contains("NHP-DX-033") == true)
        harness.press(.character("d"))
        #expect(harness.statusText.contains("NHP-DX-033 is deleted already: it is kept here, in the archive; r restores it"))
        #expect(!harness.statusText.contains("(y/N)"))
        harness.press(.character("y"))
        #expect(harness.screen.lines.first { $0.hasPrefix("▶") }?.contains("NHP-DX-033") == true)
        #expect(try harness.store.system(id: SystemID("NHP-DX-033")!)?.archivedAt != nil)
    }

    /// A deleted system is saved only once restored: e says so before any typing, in the archive
    /// and in the detail opened from it.
    @Test func editingInTheArchiveSaysToRestoreFirst() throws {
        let harness = try Harness().press(.character("d"), .character("y"), .character("A"), .character("e"))
        let refusal = "NHP-DX-033 is deleted (in the archive): restore it with r in the archive (A) to edit it"
        #expect(harness.statusText.contains(refusal))
        #expect(!harness.text.contains("Live score"))
        harness.press(.enter, .character("e"))
        #expect(harness.statusText.contains(refusal))
        #expect(!harness.text.contains("Live score"))
    }

    /// One system is "1 system", in the header, the export's question and its report.
    @Test func oneSystemIsCountedInTheSingular() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("radrisk-one-\(UUID().uuidString).csv").path
        let harness = try Harness().press(.character("/"))
        harness.type("PanoReader")
        harness.press(.enter)
        #expect(harness.screen.lines[0].hasSuffix(" 1 system"))
        harness.press(.character("x"))
        #expect(harness.statusText.contains("Export 1 system to CSV file:"))
        harness.press(.control("u"))
        harness.type(path)
        harness.press(.enter)
        #expect(harness.statusText.contains("Exported 1 system to \(path)"))
    }

    @Test func exportWritesTheFilteredViewAfterConfirmingAnOverwrite() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("radrisk-dash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("out.csv").path
        let harness = try Harness().press(.character("4"), .character("x"), .control("u"))
        harness.type(path)
        harness.press(.enter)
        #expect(harness.statusText.contains("Exported 8 systems"))
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.split(separator: "\r\n").count == 9)
        harness.press(.character("x"), .control("u"))
        harness.type(path)
        harness.press(.enter)
        #expect(harness.statusText.contains("Overwrite the existing"))
        harness.press(.character("n"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == written)
    }

    @Test func quitReturnsAndAnEmptyScriptEndsLikeADroppedLink() throws {
        let harness = try Harness().press(.character("q"))
        #expect(harness.lastExit == .quit)
        harness.press()
        #expect(harness.lastExit == .endOfInput)
    }

    @Test func shrinkingTheTerminalKeepsTheSelectedSystemInView() throws {
        let harness = try Harness(size: Size(width: 120, height: 40))
        harness.press(Array(repeating: .down, count: 33))
        #expect(harness.screen.lines[2].contains("34 of 48"))
        let chosen = try #require(harness.screen.lines.first { $0.hasPrefix("▶") }?.split(separator: " ")[1])
        harness.resize(to: Size(width: 80, height: 24))
        #expect(harness.screen.lines.first { $0.hasPrefix("▶") }?.split(separator: " ")[1] == chosen)
        #expect(harness.screen.lines[2].contains("34 of 48"))
        harness.press(.enter)
        #expect(harness.text.contains("\(chosen)  "))
    }

    /// Near the end of the list the window starts earlier rather than show empty rows while
    /// others are hidden above: after a reverse sort moves the selected system last, and after
    /// the terminal grows with the last system selected.
    @Test func theWindowFillsThePageWhenTheSelectionIsNearTheEnd() throws {
        let reversed = try Harness(size: Size(width: 100, height: 30)).press(.character("S"))
        #expect(reversed.screen.lines[2].hasSuffix("48 of 48"))
        #expect(reversed.screen.lines[4..<29].allSatisfy { $0.contains("NHP-") })
        #expect(reversed.screen.lines[28].hasPrefix("▶") && reversed.screen.lines[28].contains("NHP-DX-033"))

        let grown = try Harness().press(.character("G"))
        let last = try #require(grown.screen.lines.first { $0.hasPrefix("▶") })
        grown.resize(to: Size(width: 120, height: 40))
        #expect(grown.screen.lines[2].hasSuffix("48 of 48"))
        #expect(grown.screen.lines[4..<39].allSatisfy { $0.contains("NHP-") })
        #expect(grown.screen.lines[38].hasPrefix("▶") && grown.screen.lines[38].contains(last.split(separator: " ")[1]))
    }

    @Test func aSmallTerminalGetsANoticeAndRedrawsWhenResized() throws {
        let harness = try Harness(size: Size(width: 60, height: 15)).press()
        #expect(harness.text.contains("terminal too small (need 80x24)"))
        harness.resize(to: Size(width: 200, height: 60))
        #expect(harness.screen.lines[0].contains("48 systems"))
        #expect(harness.screen.lines.count == 60)
    }
}

import Foundation
