import GRDB
@testable import Inventory
import InventoryFiles
import RiskModel
import Testing

@Suite("Inventory queries")
struct QueryTests {
    func store(count: Int) throws -> InventoryStore {
        let store = try InventoryStore(inMemoryWith: .standard)
        var rows = "id,name,vendor,site,data_locality,breaches_3y\n"
        let localities = DataLocality.tokens
        for index in 0..<count {
            rows += "sys-\(1000 + index),System \(index % 7),Vendor \(index % 5),Site \(index % 3),\(localities[index % localities.count]),\(index % 4)\n"
        }
        _ = try store.importCSV(MemoryByteSource(rows), file: "gen.csv", today: today)
        return store
    }

    /// Walks the whole list page by page, forwards.
    func walk(_ store: InventoryStore, _ query: InventoryQuery, pageSize: Int) throws -> [SystemSummary] {
        var all: [SystemSummary] = []
        while true {
            let page = try store.page(query, after: all.last, limit: pageSize)
            all += page
            if page.count < pageSize { return all }
        }
    }

    @Test(arguments: SortKey.allCases)
    func keysetPagingVisitsEveryRowOnceInOrder(sort: SortKey) throws {
        let store = try store(count: 95)
        for descending in [false, true] {
            let query = InventoryQuery(sort: sort, descending: descending)
            let paged = try walk(store, query, pageSize: 10)
            let whole = try store.page(query, limit: 1_000)
            #expect(paged == whole)
            #expect(Set(paged.map(\.id)).count == 95)
            // Backwards from the end gives the same rows.
            var backwards: [SystemSummary] = []
            var before: SystemSummary? = nil
            repeat {
                let page = try store.page(query, before: before, limit: 10)
                backwards = page + backwards
                before = page.first
                if page.count < 10 { break }
            } while true
            #expect(backwards == whole)
            #expect(try store.index(of: whole[37], in: query) == 37)
        }
    }

    /// Counting a row's place can stop part-way for a key typed meanwhile, and is asked often
    /// enough to: 6,000 rows before it are some 30,000 steps of SQLite's machine.
    @Test func countingARowsPlaceStopsWhenAsked() throws {
        let store = try store(count: 6_000)
        let tiers = Set(try store.tierCounts().keys)
        #expect(tiers.count >= 2)
        for query in [InventoryQuery(sort: .name), InventoryQuery(tiers: Set(tiers.dropFirst()), sort: .vendor)] {
            let last = try #require(try store.page(query, before: nil, limit: 1).first)
            let expected = try store.count(query) - 1
            var asked = 0
            #expect(try store.index(of: last, in: query, unless: { asked += 1; return false }) == expected)
            #expect(asked >= 2)
            asked = 0
            #expect(try store.index(of: last, in: query, unless: { asked += 1; return asked == 2 }) == nil)
            #expect(asked == 2)
            // The connection is left as it was: the next count runs to its end.
            #expect(try store.index(of: last, in: query) == expected)
        }
    }

    @Test func scoreOrderIsRiskiestFirstWhenDescending() throws {
        let rows = try store(count: 40).page(InventoryQuery(sort: .score, descending: true), limit: 100)
        #expect(rows.map(\.scoreTenths) == rows.map(\.scoreTenths).sorted(by: >))
    }

    @Test func textFilterFollowsEdits() throws {
        let store = try store(count: 10)
        var system = try #require(try store.system(id: SystemID("sys-1003")!)).system
        system.notes = "flagged by the DPIA review"
        try store.save(system, expectedVersion: nil)
        #expect(try store.page(InventoryQuery(text: "dpia"), limit: 10).map(\.id.rawValue) == ["sys-1003"])
        try store.delete(id: system.id)
        #expect(try store.count(InventoryQuery(text: "dpia")) == 0)
    }

    @Test func aFailedBulkImportKeepsTheTextIndexInStep() throws {
        let store = try InventoryStore(inMemoryWith: .standard)
        let failed = try store.importCSV(MemoryByteSource("id,name\na,Alpha\nb,\n"), file: "bad.csv", today: today)
        #expect(!failed.committed)
        try store.add(ImagingSystem(id: SystemID("c")!, name: "Gamma camera AI"))
        #expect(try store.page(InventoryQuery(text: "camera"), limit: 5).map(\.id.rawValue) == ["c"])
    }

    /// Many matches page by walking the order's index, few by reading the candidates: both exact.
    @Test func textFilteredPagingIsExactWhetherMatchesAreManyOrFew() throws {
        let store = try store(count: 6_000)
        for text in ["Vendor", "Vendor 3", "sys-100"] {
            for sort in [SortKey.score, .tier, .name, .id] {
                let query = InventoryQuery(text: text, sort: sort, descending: sort == .score)
                let paged = try walk(store, query, pageSize: 97)
                #expect(paged == (try store.page(query, limit: 10_000)))
                #expect(paged.count == (try store.count(query)))
                #expect(paged.allSatisfy { $0.vendor.contains(text) || $0.id.rawValue.contains(text) })
            }
        }
        #expect(try store.count(InventoryQuery(text: "Vendor")) == 6_000)
        #expect(try store.count(InventoryQuery(text: "sys-100")) == 10)
    }

    /// A tier filter is tested as the order's index is walked (in score order, the tier index is
    /// walked): pages and positions must agree with sorting the tiers' systems directly.
    @Test(arguments: SortKey.allCases)
    func tierFiltersInEveryOrderPageAndCountExactly(sort: SortKey) throws {
        let store = try store(count: 400)
        let everyRow = try store.page(InventoryQuery(sort: .id, descending: false), limit: 1_000)
        for tiers: Set<Tier> in [[.low], [.low, .critical], [.moderate, .high, .critical]] {
            for descending in [false, true] {
                let query = InventoryQuery(tiers: tiers, sort: sort, descending: descending)
                let expected = everyRow.filter { tiers.contains($0.tier) }.sorted { left, right in
                    let (a, b) = (sort.position(of: left), sort.position(of: right))
                    return descending ? b.lexicographicallyPrecedes(a, by: Self.before) : a.lexicographicallyPrecedes(b, by: Self.before)
                }
                let paged = try walk(store, query, pageSize: 7)
                #expect(paged.map(\.id) == expected.map(\.id))
                for index in [0, expected.count / 2, expected.count - 1] where expected.indices.contains(index) {
                    #expect(try store.index(of: expected[index], in: query) == index)
                }
            }
        }
    }

    private static func before(_ a: DatabaseValue, _ b: DatabaseValue) -> Bool {
        switch (a.storage, b.storage) {
        case (.int64(let x), .int64(let y)): x < y
        case (.string(let x), .string(let y)): Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
        default: false
        }
    }

    /// A text is matched once by reading every row; pages, counts and positions then test rows
    /// against those matches: by row number when they are few, by walking
    /// the order's index when they are many. All must agree with matching each row directly.
    @Test func shortTextFilterIsExactWhetherMatchesAreManyFewOrNone() throws {
        let store = try store(count: 6_000)
        let everyRow = try store.page(InventoryQuery(sort: .id, descending: false), limit: 10_000)
        for text in ["e", "R 3", "99", "zq"] {
            let expected = everyRow.filter { row in
                [row.id.rawValue, row.name, row.vendor, row.site].contains { $0.lowercased().contains(text.lowercased()) }
            }
            var expectedTiers: [Tier: Int] = [:]
            for row in expected { expectedTiers[row.tier, default: 0] += 1 }
            #expect(try store.tierCounts(matching: text) == expectedTiers)
            for sort in [SortKey.score, .name, .id] {
                let query = InventoryQuery(text: text, sort: sort, descending: sort == .score)
                let paged = try walk(store, query, pageSize: 97)
                #expect(Set(paged.map(\.id)) == Set(expected.map(\.id)))
                #expect(paged == (try store.page(query, limit: 10_000)))
                #expect(try store.count(query) == expected.count)
                if paged.count > 40 { #expect(try store.index(of: paged[40], in: query) == 40) }
            }
            let highOnly = InventoryQuery(text: text, tiers: [.high])
            #expect(try store.count(highOnly) == expectedTiers[.high, default: 0])
        }
        #expect(try store.count(InventoryQuery(text: "e")) >= TextSearch.manyMatches)
    }

    /// The matches of a text are kept between pages; a change to a system's text must show on the next page.
    @Test func keptTextMatchesFollowChanges() throws {
        let store = try store(count: 6_000)
        let query = InventoryQuery(text: "Vendor", sort: .id, descending: false)
        let first = try store.page(query, limit: 10)
        #expect(first.first?.id.rawValue == "sys-1000")
        var renamed = try #require(try store.system(id: SystemID("sys-1001")!)).system
        renamed.vendor = "Acme"
        try store.save(renamed, expectedVersion: nil)
        var added = ImagingSystem(id: SystemID("sys-0999")!, name: "New")
        added.vendor = "Vendor new"
        try store.add(added)
        let again = try store.page(query, limit: 3)
        #expect(again.map(\.id.rawValue) == ["sys-0999", "sys-1000", "sys-1002"])
        #expect(try store.page(query, after: again[0], limit: 2).map(\.id.rawValue) == ["sys-1000", "sys-1002"])
        // A short text keeps its matches, and its counts, the same way.
        let short = InventoryQuery(text: "ac", sort: .id, descending: false)
        #expect(try store.count(short) == 1)
        renamed.vendor = "Vendor 1"
        try store.save(renamed, expectedVersion: nil)
        #expect(try store.count(short) == 0)
        #expect(try store.tierCounts(matching: "ac").isEmpty)
        #expect(try store.page(short, limit: 5).isEmpty)
    }

    /// The whole text must be there, in one cell, not just its parts or its trigrams.
    @Test(arguments: [
        ("neur", ["whole"]), ("NEURO", ["whole"]), ("élan", ["accent"]), ("ÉLAN VITAL", ["accent"]),
        ("\"quoted\" text", ["quotes"]), ("日本語", ["cjk"]), ("本語の", ["cjk"]), ("eur neu", ["apart"]),
    ])
    func textFilterMatchesTheWholeTextNotJustItsTrigrams(text: String, expected: [String]) throws {
        let store = try InventoryStore(inMemoryWith: .standard)
        _ = try store.importCSV(MemoryByteSource("""
            id,name,notes
            whole,Neuro triage,
            apart,Eur neu apart,"neu and eur, never together"
            accent,Élan Vital,
            quotes,Quote,"a ""quoted"" text"
            cjk,日本語のAI,

            """), file: "t.csv", today: today)
        #expect(try store.page(InventoryQuery(text: text, sort: .id, descending: false), limit: 10).map(\.id.rawValue) == expected)
        #expect(try store.count(InventoryQuery(text: text)) == expected.count)
    }

    /// Whatever the text's length, a letter beyond ASCII finds both its cases, and not the letter
    /// without its diacritic, as SQLite's trigram tokenizer folds them.
    @Test(arguments: [("ö", "Ö"), ("rö", "RÖ"), ("röntgen", "RÖNTGEN"), ("σ", "Σ"), ("ασ", "ΑΣ")])
    func textFilterFindsBothCasesBeyondASCIIWhateverItsLength(lower: String, upper: String) throws {
        let store = try InventoryStore(inMemoryWith: .standard)
        _ = try store.importCSV(MemoryByteSource("""
            id,name,vendor
            lower,östra röntgen,ασ
            upper,ÖSTRA RÖNTGEN,ΑΣ
            plain,Ostra Rontgen,AS

            """), file: "t.csv", today: today)
        for text in [lower, upper] {
            let query = InventoryQuery(text: text, sort: .id, descending: false)
            #expect(try store.page(query, limit: 10).map(\.id.rawValue) == ["lower", "upper"], "\(text)")
            #expect(try store.count(query) == 2, "\(text)")
        }
    }

    @Test func filtersByTextAndTier() throws {
        let store = try store(count: 60)
        let vendor3 = InventoryQuery(text: "vendor 3")
        #expect(try store.count(vendor3) == 12)
        #expect(try store.page(vendor3, limit: 100).allSatisfy { $0.vendor == "Vendor 3" })
        let counts = try store.tierCounts()
        for tier in Tier.allCases {
            #expect(try store.count(InventoryQuery(tiers: [tier])) == counts[tier, default: 0])
        }
        #expect(try store.count(InventoryQuery(text: "100%")) == 0)
        // Short text has the same meaning.
        #expect(try store.count(InventoryQuery(text: "r 3")) == 12)
        #expect(try store.count(InventoryQuery(text: "e 2")) == (try store.count(InventoryQuery(text: "Site 2"))))
        #expect(try store.count(InventoryQuery(text: "3")) == (try store.page(InventoryQuery(), limit: 100).filter { "\($0.id)\($0.name)\($0.vendor)\($0.site)".contains("3") }.count))
        #expect(try store.count(InventoryQuery(text: "sys_")) == 0)
    }
}
