import Inventory
import InventoryFiles
import RiskModel
import TerminalUI
import Testing

@Suite("Detail, edit, compare, help")
struct DetailEditCompareTests {
    @Test func detailExplainsTheScore() throws {
        let harness = try Harness(size: Size(width: 100, height: 60)).press(.enter)
        let text = harness.text
        #expect(text.contains("NHP-DX-033  PanoReader"))
        #expect(text.contains("Score 91.0 / 100"))
        #expect(text.contains("Data locality"))
        #expect(text.contains("12.0 / 12.0"))
        #expect(text.contains("FINDINGS (13)"))
        #expect(text.contains("Do: "))
        harness.press(.character("G"))
        #expect(harness.text.contains("FIELDS") || harness.text.contains("NOTES"))
    }

    /// Beside the field there is room for a few words; below the form the focused field's problem
    /// is shown whole, wrapped, its long value too.
    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func aLongErrorUnderTheFormIsShownWhole(size: Size) throws {
        let name = String(repeating: "x", count: ImagingSystem.maximumNameLength + 1)
        var system = ImagingSystem(id: SystemID("NHP-DX-033")!, name: "PanoReader")
        let error = #expect(throws: FieldError.self) { try FieldCodec.set(.name, text: name, on: &system, today: today) }
        let problem = try #require(error?.description)
        #expect(problem.count > size.width)

        let harness = try Harness(size: size).press(.character("e"), .control("u"))
        harness.type(name)
        let lines = harness.screen.lines.dropLast()
        let first = try #require(lines.lastIndex { $0.hasPrefix(" name '") })
        #expect(lines[first...].joined().filter { $0 != " " } == problem.filter { $0 != " " })
        #expect(harness.text.contains("Live score"))
    }

    @Test func editingAFactorUpdatesTheScoreLiveAndSavesIt() throws {
        let harness = try Harness().press(.character("e"))
        for _ in 0..<12 { harness.press(.down) }
        #expect(harness.text.contains("< legacy_tls >"))
        harness.press(.left)
        #expect(harness.text.contains("< tls12_plus >"))
        #expect(harness.text.contains("86.0 / 100"))
        #expect(harness.text.contains("was 91.0"))
        // Nothing is saved before Ctrl-S.
        #expect(try harness.store.system(id: SystemID("NHP-DX-033")!)?.version == 1)
        harness.press(.control("s"))
        #expect(harness.screen.lines.last?.contains("Saved NHP-DX-033: score 91.0 -> 86.0") == true)
        let saved = try #require(try harness.store.system(id: SystemID("NHP-DX-033")!))
        #expect(saved.version == 2)
        #expect(saved.system.profile.encryptionInTransit == .tls12Plus)
        #expect(saved.updatedBy == "officer")
        harness.press(.escape)
        let row = try #require(harness.screen.lines.first { $0.contains("NHP-DX-033") })
        #expect(row.contains("86.0"))
    }

    @Test func historyShowsWhoChangedWhatAndHowTheScoreMoved() throws {
        let harness = try Harness().press(.enter, .character("e"))
        for _ in 0..<12 { harness.press(.down) }
        harness.press(.left, .control("s"), .character("h"))
        let text = harness.text
        #expect(text.contains("History of NHP-DX-033: 2 changes"))
        #expect(text.contains("officer  update  score 91.0 ▲ 86.0"))
        #expect(text.contains("encryption_in_transit: legacy_tls -> tls12_plus"))
        #expect(text.contains("officer  import"))
        #expect(text.contains("record written"))
    }

    @Test func historyHeadsASaveOnceAndShowsLongValuesWhole() throws {
        let harness = try Harness().press(.enter)
        var system = try #require(try harness.store.system(id: SystemID("NHP-DX-033")!)).system
        system.notes = String(repeating: "Clause 7.3 lets the vendor keep images. ", count: 5) + "END"
        system.profile.encryptionInTransit = .tls12Plus
        _ = try harness.store.save(system, expectedVersion: nil)
        harness.press(.character("h"))
        let text = harness.text
        #expect(text.components(separatedBy: "officer  update").count == 2, "\(text)")
        #expect(text.components(separatedBy: "score 91.0").count == 2)
        #expect(text.contains("encryption_in_transit: legacy_tls -> tls12_plus"))
        #expect(text.contains("now: Clause 7.3"))
        #expect(text.contains("END"))
    }

    @Test func choicesComeFromAListNotFreeText() throws {
        let harness = try Harness().press(.character("e"))
        for _ in 0..<8 { harness.press(.down) }
        harness.press(.enter)
        #expect(harness.text.contains("on_premises") && harness.text.contains("vendor_cloud_cross_border"))
        harness.press(.up, .up, .enter)
        #expect(harness.text.contains("< private_cloud >"))
        harness.type("xyz")
        #expect(harness.text.contains("< private_cloud >"))
    }

    @Test func typedValuesAreValidatedBesideTheField() throws {
        let harness = try Harness().press(.character("e"))
        for _ in 0..<13 { harness.press(.down) }
        harness.press(.control("u"))
        harness.type("-5")
        #expect(harness.text.contains("is not allowed"))
        harness.press(.control("s"))
        #expect(harness.screen.lines.last?.contains("Not saved: 1 field to fix") == true)
        harness.press(.backspace, .backspace)
        harness.type("30")
        #expect(!harness.text.contains("is not allowed"))
    }

    @Test func escapeAsksBeforeDiscardingAnEdit() throws {
        let harness = try Harness().press(.character("e"))
        harness.type(" v2")
        harness.press(.escape)
        #expect(harness.screen.lines.last?.contains("Discard your changes to NHP-DX-033?") == true)
        harness.press(.character("n"))
        #expect(harness.text.contains("PanoReader v2"))
        harness.press(.escape, .character("y"))
        #expect(harness.screen.lines[0].contains("48 systems"))
        #expect(try harness.store.system(id: SystemID("NHP-DX-033")!)?.system.name == "PanoReader")
    }

    @Test func quittingFromTheTooSmallNoticeAsksBeforeLosingAnEdit() throws {
        let harness = try Harness().press(.character("e"))
        harness.type(" v2")
        harness.resize(to: Size(width: 60, height: 15))
        harness.press(.character("q"))
        #expect(harness.lastExit != .quit)
        #expect(harness.text.contains("Unsaved changes will be lost. Quit anyway? (y/N)"))
        harness.press(.character("n"))
        #expect(harness.text.contains("q quits"))
        harness.resize(to: Size(width: 80, height: 24))
        #expect(harness.text.contains("PanoReader v2"))
        harness.resize(to: Size(width: 60, height: 15))
        harness.press(.character("q"), .character("y"))
        #expect(harness.lastExit == .quit)
    }

    @Test func aQuestionMarkIsTextInTheFormAndF1OpensItsHelp() throws {
        let harness = try Harness(size: Size(width: 100, height: 40)).press(.character("e"))
        #expect(harness.screen.lines.last?.hasPrefix("F1 Help") == true)
        harness.type(" Why?")
        #expect(harness.text.contains("PanoReader Why?"))
        harness.press(.function(1))
        #expect(harness.text.contains("Keys: Edit NHP-DX-033"))
        #expect(harness.screen.lines.contains { $0.contains("F1") && $0.contains("This help") })
        harness.press(.function(1))
        #expect(harness.text.contains("PanoReader Why?"))
    }

    @Test func addingASystemNeedsAnIDAndAName() throws {
        let harness = try Harness().press(.character("a"))
        harness.press(.control("s"))
        #expect(harness.screen.lines.last?.contains("Not saved: 2 fields to fix") == true)
        harness.type("NEW-1")
        harness.press(.down)
        harness.type("New triage tool")
        harness.press(.control("s"))
        #expect(harness.screen.lines.last?.contains("Saved NEW-1") == true)
        #expect(try harness.store.system(id: SystemID("NEW-1")!)?.system.name == "New triage tool")
    }

    /// An id a deleted system still holds is refused, pointing to the archive a key away rather
    /// than to the command line.
    @Test func addingTheIdOfADeletedSystemPointsToTheArchive() throws {
        let harness = try Harness().press(.character("d"), .character("y"), .character("a"))
        harness.type("NHP-DX-033")
        harness.press(.down)
        harness.type("Again")
        harness.press(.control("s"))
        #expect(harness.statusText.contains("Not saved: NHP-DX-033 was deleted and is in the archive (A), where r restores it"), "\(harness.statusText)")
    }

    /// Another officer saves NHP-DX-033's notes while this one edits its name.
    func editRacedByAColleague(size: Size = Size(width: 80, height: 24)) throws -> Harness {
        let harness = try Harness(size: size).press(.character("e"))
        harness.type("!")
        var other = try #require(try harness.store.system(id: SystemID("NHP-DX-033")!)).system
        other.notes = "changed by a colleague"
        try harness.store.save(other, expectedVersion: 1)
        harness.press(.control("s"))
        return harness
    }

    @Test func aConcurrentSaveIsNotOverwrittenSilently() throws {
        let harness = try editRacedByAColleague()
        let question = harness.statusText
        #expect(question.contains("officer saved NHP-DX-033 at 2026-11-25T09:00:00Z (version 2), changing notes after you opened it:"))
        #expect(question.contains("r reload (yours stay beside), o overwrite, Esc keep editing"))
        harness.press(.character("x"))
        #expect(try harness.store.system(id: SystemID("NHP-DX-033")!)?.system.name == "PanoReader")
        #expect(harness.text.contains("PanoReader!"))
        harness.press(.control("s")).press(.character("o"))
        let saved = try #require(try harness.store.system(id: SystemID("NHP-DX-033")!)).system
        #expect(saved.name == "PanoReader!" && saved.notes != "changed by a colleague")
    }

    /// Beside the field there is room for a few characters of a long value: the focused field's
    /// is given whole below the form, to decide on.
    @Test func theFocusedFieldsOwnValueIsGivenWholeAfterAReload() throws {
        let harness = try Harness(size: Size(width: 100, height: 30)).press(.character("e"))
        let long = " with a long tail that cannot fit beside the colleague's value"
        harness.type(long)
        var other = try #require(try harness.store.system(id: SystemID("NHP-DX-033")!)).system
        other.name = "PanoReader renamed by a colleague"
        try harness.store.save(other, expectedVersion: 1)
        harness.press(.control("s")).press(.character("r"))
        #expect(harness.text.contains("yours: PanoRe…"))
        let whole = "Yours, before the reload (Ctrl-Y takes it): PanoReader" + long
        let first = try #require(harness.screen.lines.firstIndex { $0.contains("Yours, before the reload") })
        let shown = harness.screen.lines[first...].prefix(3).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(shown.hasPrefix(whole), "\(shown)")
    }

    @Test func reloadingShowsTheColleaguesValuesWithYoursBeside() throws {
        let harness = try editRacedByAColleague(size: Size(width: 120, height: 40)).press(.character("r"))
        #expect(harness.screen.lines.last?.contains("Reloaded version 2 by officer: 1 value of yours shown beside; Ctrl-Y takes one") == true)
        let nameRow = try #require(harness.screen.lines.first { $0.contains("yours:") })
        #expect(nameRow.contains("name ") && nameRow.contains("PanoReader ") && nameRow.contains("yours: PanoReader!"))
        #expect(harness.screen.lines.filter { $0.contains("yours:") }.count == 1)
        #expect(harness.text.contains("changed by a colleague"))
        harness.press(.control("y")).press(.control("s"))
        let saved = try #require(try harness.store.system(id: SystemID("NHP-DX-033")!))
        #expect(saved.version == 3)
        #expect(saved.system.name == "PanoReader!" && saved.system.notes == "changed by a colleague")
    }

    @Test func savingAfterAReloadWithYourValuesStillBesideAsksFirstAndSaysWhenNothingWasSaved() throws {
        let harness = try editRacedByAColleague(size: Size(width: 120, height: 40)).press(.character("r"))
        harness.press(.control("s"))
        #expect(harness.statusText.contains("1 value of yours is still beside its field, not taken (Ctrl-Y takes one). Save without? (y/N)"))
        harness.press(.character("n"))
        #expect(harness.screen.lines.contains { $0.contains("yours: PanoReader!") })
        harness.press(.control("s")).press(.character("y"))
        #expect(harness.statusText.contains("Nothing changed in NHP-DX-033: nothing saved"))
        let saved = try #require(try harness.store.system(id: SystemID("NHP-DX-033")!))
        #expect(saved.version == 2 && saved.system.name == "PanoReader")
    }

    @Test func anEditCutOffIsKeptAsADraftAndOfferedBack() throws {
        let harness = try Harness().press(.character("e"))
        harness.type(" (cut off)")
        harness.app.keepDrafts()
        let draft = try #require(try harness.store.draft(systemID: "NHP-DX-033"))
        #expect(draft.fields["name"] == "PanoReader (cut off)")

        let later = Harness(store: harness.store).press(.character("e"))
        #expect(later.screen.lines.last?.contains("A draft of your edit cut off at 2026-11-25T09:00:00Z is kept: Ctrl-R restores it") == true)
        #expect(later.text.contains("PanoReader") && !later.text.contains("(cut off)"))
        later.press(.control("r"))
        #expect(later.text.contains("PanoReader (cut off)"))
        later.press(.control("s"))
        #expect(try harness.store.system(id: SystemID("NHP-DX-033")!)?.system.name == "PanoReader (cut off)")
        #expect(try harness.store.draft(systemID: "NHP-DX-033") == nil)
    }

    /// This officer's edit of the name is cut off; a colleague then saves `colleague` over version 1.
    func draftOvertakenByAColleague(_ colleague: (inout ImagingSystem) -> Void) throws -> Harness {
        let harness = try Harness().press(.character("e"))
        harness.type(" (cut off)")
        harness.app.keepDrafts()
        var other = try #require(try harness.store.system(id: SystemID("NHP-DX-033")!)).system
        colleague(&other)
        try harness.store.save(other, expectedVersion: 1)
        return Harness(store: harness.store, size: Size(width: 120, height: 40)).press(.character("e"), .control("r"))
    }

    @Test func aRestoredDraftBringsBackOnlyWhatWasTyped() throws {
        let later = try draftOvertakenByAColleague { $0.owner = "Dr. New Owner" }
        #expect(later.screen.lines.last?.contains("Draft restored: review it and save with Ctrl-S") == true)
        later.press(.control("s"))
        let saved = try #require(try later.store.system(id: SystemID("NHP-DX-033")!)).system
        #expect(saved.name == "PanoReader (cut off)")
        #expect(saved.owner == "Dr. New Owner")
    }

    @Test func aDraftedFieldAColleagueSavedSinceKeepsTheirsWithTheDraftsBeside() throws {
        let later = try draftOvertakenByAColleague { $0.name = "PanoReader 2" }
        #expect(later.screen.lines.last?.contains("Draft restored: 1 value of yours shown beside a value that may have been saved since; Ctrl-Y takes one") == true)
        let nameRow = try #require(later.screen.lines.first { $0.contains("yours:") })
        #expect(nameRow.contains("PanoReader 2") && nameRow.contains("yours: PanoReader (cut off)"))
        later.press(.control("s"))
        #expect(try later.store.system(id: SystemID("NHP-DX-033")!)?.system.name == "PanoReader 2")
    }

    @Test func compareMarksTheBetterAndWorseCells() throws {
        let harness = try Harness().press(.character(" "), .character(" "), .character("c"))
        #expect(harness.text.contains("Compare 2 systems"))
        #expect(harness.text.contains("▲") && harness.text.contains("▼"))
        let atRest = try #require(harness.screen.lines.first { $0.hasPrefix(" Encryption at rest") })
        #expect(atRest.contains("▲") && atRest.contains("▼"))
        let rowIndex = try #require(harness.screen.lines.firstIndex(of: atRest))
        #expect(harness.screen.roles(ofRow: rowIndex).contains(.better))
        #expect(harness.screen.roles(ofRow: rowIndex).contains(.worse))
    }

    /// One system four escalation rules raise, their names longer than a narrow column, and one
    /// none does.
    static let escalatedCSV = """
        id,name,vendor_sharing,data_locality,encryption_in_transit,breaches_3y,vendor_training_use,encryption_at_rest,retention_days,unlearning,output_exposure,image_integrity,deidentification,access_control,patient_consent
        NHP-CT-901,Escalated,pseudonymized,vendor_cloud_cross_border,none,3,no,full_customer_keys,0,not_applicable,label_only,provenance,full_with_defacing,rbac_mfa,opt_in
        NHP-CT-902,Calm,none,on_premises,mutual_tls,0,no,full_customer_keys,0,not_applicable,label_only,provenance,full_with_defacing,rbac_mfa,opt_in

        """

    /// What an escalation line should read with its spaces taken out, and how it reads on the screen:
    /// whole where the screen has room, else cut with an ellipsis.
    static func expectEscalations(_ shown: String, are names: [String], prefixed prefix: String, whole: Bool) {
        let expected = prefix + names.joined(separator: ",")
        #expect(names.count == 4)
        if whole {
            #expect(shown == expected)
        } else {
            #expect(shown == expected || (shown.hasSuffix("…") && expected.hasPrefix(shown.dropLast())), "\(shown)")
        }
    }

    static func escalationNames(of id: String, in store: InventoryStore) throws -> [String] {
        let system = try #require(try store.system(id: SystemID(id)!)).system
        return Policy.standard.assess(system.profile).escalations.map(\.name)
    }

    /// The live score names every rule that raised the tier, wrapped inside its box, and draws
    /// nothing over the box's border.
    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func theLiveScoreNamesEveryEscalationInsideItsBox(size: Size) throws {
        let harness = try Harness(size: size, csv: Self.escalatedCSV).press(.character("e"))
        let lines = harness.screen.lines.map(Array.init)
        let top = try #require(harness.screen.rows(containing: "┌─ Live score").first)
        let left = try #require(lines[top].firstIndex(of: "┌"))
        let bottom = try #require(lines.firstIndex { $0.count > left && $0[left] == "└" })
        #expect(lines[(top + 1)..<bottom].allSatisfy { $0[left] == "│" && $0.last == "│" })
        let inside = lines[(top + 1)..<bottom].map { String($0[(left + 1)..<($0.count - 1)]) }.joined().filter { $0 != " " }
        let start = try #require(inside.range(of: "Escalated:")).lowerBound
        let names = try Self.escalationNames(of: "NHP-CT-901", in: harness.store)
        Self.expectEscalations(String(inside[start...]), are: names, prefixed: "Escalated:", whole: size.width >= 100)
    }

    /// Each system's escalations wrap down its column rather than end at the column's edge.
    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func compareNamesEveryEscalation(size: Size) throws {
        let harness = try Harness(size: size, csv: Self.escalatedCSV).press(.character(" "), .character(" "), .character("c"))
        let lines = harness.screen.lines
        let first = try #require(lines.firstIndex { $0.hasPrefix(" Escalations") })
        // The first system's column, as the view lays it out: after the 23 columns of labels.
        let columnWidth = (size.width - 23) / 2
        let cells = lines[first...].map { line in String(Array(line).dropFirst(25).prefix(columnWidth - 3)) }
        #expect(cells[0].hasPrefix("unencrypted_"))
        let names = try Self.escalationNames(of: "NHP-CT-901", in: harness.store)
        Self.expectEscalations(cells.joined().filter { $0 != " " }, are: names, prefixed: "", whole: size.height >= 40)
    }

    /// Long values wrap under their column rather than end at the screen's edge: the title, the
    /// risk vector and the fields, wide characters measured as two columns.
    @Test func detailWrapsLongValuesUnderTheirColumn() throws {
        let name = "Contrast extravasation detection suite for paediatric CT and MR injectors second generation"
        let use = "Contrast extravasation detection on injector data and CT"
        let site = "東京中央病院 放射線科 画像診断センター 第二読影室 夜間救急 小児部門 分院"
        let csv = "id,name,clinical_use,site\nNHP-CT-900,\(name),\(use),\(site)\n"
        let harness = try Harness(size: Size(width: 80, height: 60), csv: csv).press(.enter)
        func shown(after label: String, joinedBy separator: String = " ") throws -> String {
            let lines = harness.screen.lines
            #expect(lines.allSatisfy { TextWidth.of($0) <= 80 })
            let first = try #require(lines.firstIndex { $0.hasPrefix(label) })
            return wrappedText(in: lines, from: first, column: label.count, joinedBy: separator)
        }
        #expect(try shown(after: " NHP-CT-900  ") == name)
        let system = try #require(try harness.store.system(id: SystemID("NHP-CT-900")!)).system
        #expect(try shown(after: " Policy \(Policy.standard.version)   ", joinedBy: "") == RiskVector.format(system.profile))
        harness.press(.end)
        #expect(try shown(after: "  " + TextWidth.pad("clinical_use", to: 24)) == use)
        #expect(try shown(after: "  " + TextWidth.pad("site", to: 24)) == site)
    }

    /// The count is of the systems marked: on the last row, with none marked, the current row
    /// alone has no next one to pair with, and is not "1 marked".
    @Test func compareNeedsTwoToFourSystems() throws {
        let harness = try Harness().press(.character(" "), .character("c"))
        #expect(harness.screen.lines.last?.contains("Mark 2 to 4 systems with Space to compare them (1 marked)") == true)
        let onTheLastRow = try Harness().press(.character("G"), .character("c"))
        #expect(onTheLastRow.screen.lines.last?.contains("Mark 2 to 4 systems with Space to compare them (0 marked)") == true)
    }

    /// A description too long for the screen goes on under the description column.
    @Test func helpWrapsDescriptionsUnderTheirColumn() throws {
        let harness = try Harness().press(.character("e"), .function(1))
        let lines = harness.screen.lines
        for text in ["On a list field: Enter opens the choices, Left/Right step through them",
                     "After reloading a colleague's save: take your value (shown beside) for this field"] {
            let first = try #require(lines.firstIndex { $0.contains(text.prefix(20)) })
            let column = try #require(lines[first].range(of: text.prefix(20))).lowerBound.utf16Offset(in: lines[first])
            #expect(wrappedText(in: lines, from: first, column: column) == text)
        }
    }

    /// Help taller than the screen says that more is below, and scrolls to it.
    @Test func helpTallerThanTheScreenSaysSoAndScrolls() throws {
        let harness = try Harness().press(.character("?"))
        #expect(harness.screen.lines[22].contains("more lines below"))
        #expect(!harness.text.contains("This help"))
        harness.press(.down)
        #expect(!harness.text.contains("Keys: Inventory"))
        // The title's bar goes with the title, not left behind on the key line scrolled under it.
        #expect(!harness.screen.roles(ofRow: 0).contains(.header))
        harness.press(.character("G"))
        #expect(harness.text.contains("This help") && harness.text.contains("Quit"))
        #expect(!harness.text.contains("more lines below"))
        harness.press(.character("g"))
        #expect(harness.text.contains("Keys: Inventory") && harness.screen.lines[22].contains("more lines below"))
        harness.press(.pageDown)
        #expect(harness.text.contains("Export the current view"))
        harness.press(.character("g"), .control("f"))
        #expect(harness.text.contains("Export the current view") && !harness.text.contains("Keys: Inventory"))
        harness.press(.control("b"))
        #expect(harness.text.contains("Keys: Inventory"))
    }

    @Test func helpIsGeneratedFromTheKeyTable() throws {
        let harness = try Harness(size: Size(width: 100, height: 40)).press(.character("?"))
        for binding in ["Filter by text", "Sort by the next column", "Compare the marked systems", "Export the current view", "Show or hide a tier"] {
            #expect(harness.text.contains(binding))
        }
        harness.press(.escape, .enter, .character("?"))
        #expect(harness.text.contains("Keys: Detail"))
        #expect(harness.text.contains("Edit the system"))
        // The scroll keys are more than the key column holds: whole, on a line of their own.
        let lines = harness.screen.lines
        let keys = try #require(lines.firstIndex { $0.contains("PgDn") })
        #expect(lines[keys].trimmingCharacters(in: .whitespaces).hasSuffix("End G"))
        #expect(lines[keys + 1].trimmingCharacters(in: .whitespaces).hasPrefix("Scroll:"))
    }
}

/// The text from `column` on of line `first`, and of the lines below it that go on under that
/// column (blank before it): a wrapped value or description, whole.
func wrappedText(in lines: [String], from first: Int, column: Int, joinedBy separator: String = " ") -> String {
    var parts = [String(lines[first].dropFirst(column))]
    for line in lines[(first + 1)...] {
        guard line.count > column, line.prefix(column).allSatisfy({ $0 == " " }) else { break }
        parts.append(String(line.dropFirst(column)))
    }
    return parts.joined(separator: separator)
}
