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

    func openStore(policy: Policy) throws -> InventoryStore {
        try InventoryStore(path: path, policy: policy)
    }
}

/// `--policy FILE`, for every command that scores.
struct PolicyOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A scoring policy (TOML) instead of the built-in one; see `radrisk policy`.", valueName: "file"))
    var policy: String?

    func load() throws -> Policy {
        guard let path = policy else { return .standard }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw fail("\(path): cannot read the policy file", ExitStatus.inputMissing)
        }
        do {
            return try Policy(toml: String(decoding: data, as: UTF8.self), fileName: path)
        } catch {
            throw fail("invalid policy: \(error)", ExitStatus.invalidData)
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
