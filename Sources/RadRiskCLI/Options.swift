import ArgumentParser
import ConfigFiles
import Foundation
import Inventory
import InventoryFiles
import RiskModel

/// `--db PATH`, shared by every command that opens the inventory.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The inventory database.", valueName: "path"))
    var db: String?

    var path: String { db ?? DatabaseLocation.defaultPath(environment: ProcessInfo.processInfo.environment) }

    /// Opens the inventory. Only `creating` makes one where there is none: a mistyped `--db` given
    /// to a command that reads systems would otherwise make an empty inventory and report that
    /// it holds nothing, which a script would take for the truth.
    func openStore(
        policy: Policy?, readOnly: Bool = false, forFirstLoad: Bool = false, creating: Bool = false, rescoring: InventoryStore.Rescoring = .whenOpened
    ) throws -> InventoryStore {
        if !creating, !inventoryExists {
            let path = Printable.controlsEscaped(path)
            throw fail(
                "\(path): there is no inventory here; `radrisk init --db \(path)` creates one, `radrisk import FILE --db \(path)` creates and fills one",
                ExitStatus.inputMissing)
        }
        return try InventoryStore(
            path: path, policy: policy, readOnly: readOnly, forFirstLoad: forFirstLoad, rescoring: rescoring,
            beforeRescoring: { systems, scoredWith in Self.announceRescoring(systems, scoredWith: scoredWith, under: policy) },
            beforeUpgrading: {
            guard isatty(STDERR_FILENO) == 1 else { return }
            printError("radrisk: upgrading \(Printable.controlsEscaped(path)) for this version of radrisk, once (a million systems take up to some 20 s)…")
        })
    }

    /// Seconds of silence at a terminal deserve a reason; scripts get none of it.
    static func announceRescoring(_ systems: Int, scoredWith: String?, under policy: Policy?) {
        guard isatty(STDERR_FILENO) == 1 else { return }
        let previously = scoredWith.map { $0 == policy?.version ? "another policy named \(Printable.escaped($0))" : "policy \(Printable.escaped($0))" } ?? "an earlier policy"
        printError("radrisk: rescoring \(Count.of(systems, "system")) under policy \(Printable.escaped(policy?.version ?? Policy.standard.version)) (they were scored with \(previously))…")
    }

    /// False only when nothing is at `path`; a file that cannot be reached is for opening to report.
    var inventoryExists: Bool { access(path, F_OK) == 0 || errno != ENOENT }

    /// Opens the inventory and reads the system `id`, refusing an id that cannot exist.
    func openSystem(_ id: String, policy: Policy?) throws -> (InventoryStore, StoredSystem) {
        guard let systemID = SystemID(id) else {
            throw fail("'\(Printable.escaped(id))' is not a system id (\(SystemID.allowedDescription))", ExitStatus.invalidData)
        }
        let store = try openStore(policy: policy)
        guard let stored = try store.system(id: systemID) else { throw InventoryError.notFound(id: id) }
        return (store, stored)
    }
}

/// `--policy FILE`, for every command that scores.
struct PolicyOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A scoring policy (TOML) instead of the built-in one; see `radrisk policy`. An inventory keeps the policy it was last scored with, and is rescored under this one.",
        valueName: "file"))
    var policy: String?

    /// The policy for a file scored without an inventory: the one given, else the built-in one.
    func load() throws -> Policy { try given() ?? .standard }

    /// The policy given with --policy, or nil: an inventory is then scored with its own.
    func given() throws -> Policy? {
        guard let path = policy else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw fail("\(Printable.controlsEscaped(path)): cannot read the policy file", ExitStatus.inputMissing)
        }
        do {
            return try Policy(toml: String(decoding: data, as: UTF8.self), fileName: path)
        } catch {
            // The refusal quotes the file's own text, such as an escalation's name.
            throw fail("invalid policy: \(Printable.escaped("\(error)"))", ExitStatus.invalidData)
        }
    }
}

enum Today {
    /// The local calendar date: review dates may not lie after it.
    static var date: CalendarDate {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!
    }
}

extension ExportFormat: ExpressibleByArgument {}
