import Foundation

/// Finds the data files that ship beside the program: `Themes/` and `SampleData/`.
///
/// They are looked for in `$RADRISK_SHARE`, in `<prefix>/share/radrisk` of an installed binary,
/// and in the directories above the executable, which covers `swift run` and `.build/*/radrisk`
/// in a clone.
enum BundledFiles {
    static func directories(named name: String, environment: [String: String]) -> [String] {
        var candidates: [URL] = []
        if let share = environment["RADRISK_SHARE"], !share.isEmpty {
            candidates.append(URL(fileURLWithPath: share).appendingPathComponent(name))
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        candidates.append(directory.deletingLastPathComponent().appendingPathComponent("share/radrisk/\(name)"))
        for _ in 0..<6 {
            candidates.append(directory.appendingPathComponent(name))
            directory = directory.deletingLastPathComponent()
        }
        var isDirectory: ObjCBool = false
        return candidates.map(\.path).filter { FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue }
    }

    static func themeDirectories(environment: [String: String]) -> [String] {
        directories(named: "Themes", environment: environment)
    }

    static func sampleInventory(environment: [String: String]) -> String? {
        directories(named: "SampleData", environment: environment)
            .map { $0 + "/inventory.csv" }
            .first { FileManager.default.fileExists(atPath: $0) }
    }
}
