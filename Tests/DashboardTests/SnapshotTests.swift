import TerminalUI
import Testing

/// Every screen at 80x24 and at a wide size, compared with reviewed text.
@Suite("Screen snapshots")
struct SnapshotTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 160, height: 48)]

    @Test(arguments: sizes)
    func inventory(size: Size) throws {
        let harness = try Harness(size: size).press()
        expectSnapshot(harness.text, named: "inventory-\(size)")
    }

    @Test(arguments: sizes)
    func detail(size: Size) throws {
        let harness = try Harness(size: size).press(.enter)
        expectSnapshot(harness.text, named: "detail-\(size)")
    }

    @Test(arguments: sizes)
    func edit(size: Size) throws {
        let harness = try Harness(size: size).press(.character("e"))
        expectSnapshot(harness.text, named: "edit-\(size)")
    }

    @Test(arguments: sizes)
    func compare(size: Size) throws {
        let harness = try Harness(size: size).press(.character(" "), .character(" "), .character(" "), .character("c"))
        expectSnapshot(harness.text, named: "compare-\(size)")
    }

    @Test(arguments: sizes)
    func help(size: Size) throws {
        let harness = try Harness(size: size).press(.character("?"))
        expectSnapshot(harness.text, named: "help-\(size)")
    }

    @Test(arguments: sizes)
    func emptyInventory(size: Size) throws {
        let harness = try Harness(size: size, csv: "").press()
        expectSnapshot(harness.text, named: "empty-\(size)")
    }

    @Test func asciiInventory() throws {
        let harness = try Harness(glyphs: .ascii).press(.enter)
        expectSnapshot(harness.text, named: "detail-ascii-80x24")
    }

    @Test func tooSmall() throws {
        let harness = try Harness(size: Size(width: 60, height: 15)).press()
        expectSnapshot(harness.text, named: "too-small-60x15")
    }
}
