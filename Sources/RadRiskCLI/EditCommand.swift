import ArgumentParser
import Inventory
import InventoryFiles
import RiskModel

struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change fields of one system, validated exactly as an import would be.",
        discussion: """
            Fields are the inventory contract's column names. All changes are checked first and saved \
            together, or not at all. With --expect-version, the save is refused if someone else saved \
            the system after that version.

            Example:
              radrisk edit NHP-CT-011 --set encryption_in_transit=tls12_plus \\
                  --set retention_days=30
            """)

    @Argument(help: "The system's id.")
    var id: String

    @Option(name: .customLong("set"), help: ArgumentHelp("A change, as field=value (repeatable).", valueName: "field=value"))
    var changes: [String] = []

    @Option(
        name: .long, parsing: .unconditional, help: ArgumentHelp("Save only if the system is still at this version.", valueName: "n"),
        transform: wholeNumber(atLeast: 1))
    var expectVersion: Int?

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var policyOptions: PolicyOptions

    func validate() throws {
        guard !changes.isEmpty else { throw ValidationError("nothing to change: give at least one --set field=value") }
        var named = Set<Column>()
        for change in changes {
            guard let equals = change.firstIndex(of: "="), let column = Column(header: change[..<equals]) else {
                throw ValidationError("'\(Printable.escaped(change))' is not field=value with a contract field (\(Column.headers.joined(separator: ", ")))")
            }
            if column == .id { throw ValidationError("the id cannot be edited; export, change and import instead") }
            // The last would win unseen: a script that meant one of them would never know.
            guard named.insert(column).inserted else { throw ValidationError("--set \(column.header) is given twice; give each field once") }
        }
    }

    func run() throws {
        try running {
            let policy = try policyOptions.given()
            // The changes are applied to the version just read and saved only against that version;
            // if another process saved in between, they are applied again to its result, so no one's
            // change is lost. With --expect-version the caller's version is the only one accepted.
            for attempt in 1... {
                let (store, stored) = try database.openSystem(id, policy: policy)
                let system = try applyChanges(to: stored.system)
                do {
                    let saved = try store.save(system, expectedVersion: expectVersion ?? stored.version)
                    guard saved.version != stored.version else {
                        try StandardOutput.writeLine("\(stored.system.id): nothing changed, still version \(saved.version)")
                        return
                    }
                    let before = store.policy.assess(stored.system.profile)
                    let after = store.policy.assess(saved.system.profile)
                    try StandardOutput.writeSummary(
                        "\(stored.system.id): version \(saved.version), score \(formatTenths(before.scoreTenths)) -> \(formatTenths(after.scoreTenths)), tier \(before.tier.token) -> \(after.tier.token)",
                        of: "the edit was saved")
                    return
                } catch InventoryError.conflict(_, _, _, _, _) where expectVersion == nil && attempt < 20 {
                    continue
                }
            }
        }
    }

    private func applyChanges(to original: ImagingSystem) throws -> ImagingSystem {
        var system = original
        var errors: [String] = []
        for change in changes {
            let equals = change.firstIndex(of: "=")!
            let column = Column(header: change[..<equals])!
            do throws(FieldError) {
                try FieldCodec.set(column, text: String(change[change.index(after: equals)...]), on: &system, today: Today.date)
            } catch {
                errors.append("--set \(error)")
            }
        }
        if !errors.isEmpty {
            errors.forEach { printError("radrisk: \($0)") }
            throw fail("nothing was saved", ExitStatus.invalidData)
        }
        return system
    }
}
