// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "RadRisk",
    products: [
        .executable(name: "radrisk", targets: ["RadRiskCLI"]),
        // The benchmark suite's in-process measurements (Benchmarks/run).
        .executable(name: "radrisk-bench", targets: ["RadRiskBench"]),
        // For the fuzz package in Fuzz/.
        .library(name: "InventoryFiles", targets: ["InventoryFiles"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // Pure domain: systems, factor levels, policy, scoring, findings. No I/O.
        .target(
            name: "RiskModel", dependencies: ["ConfigFiles", .product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: [crossModuleOptimization]),
        // TOML data files (policy, themes) with errors that name file and line.
        .target(name: "ConfigFiles", dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]),
        // The inventory contract: streaming CSV reader and writer, cell codec, assessment CSV and JSON.
        .target(
            name: "InventoryFiles", dependencies: ["RiskModel"],
            // The CSV reader and writer keep their buffers in classes, so every append paid a
            // dynamic exclusivity check: without them `radrisk score` takes 30% less CPU. Overlapping
            // access is still refused at compile time; only the run-time check is off, here alone.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"]), crossModuleOptimization]),
        // The SQLite inventory: schema, migrations, import, export, queries.
        .target(name: "Inventory", dependencies: [
            "RiskModel", "InventoryFiles", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The only place that sees ncurses.
        .systemLibrary(name: "CNcurses"),
        .target(name: "TerminalUI", dependencies: ["ConfigFiles", .product(name: "TOMLKit", package: "TOMLKit")]),
        .target(name: "TerminalUITesting", dependencies: ["TerminalUI"]),
        .target(name: "CursesTerminal", dependencies: ["TerminalUI", "CNcurses"]),
        .target(name: "Dashboard", dependencies: ["TerminalUI", "Inventory", "RiskModel", "InventoryFiles"]),
        .executableTarget(name: "RadRiskCLI", dependencies: [
            "RiskModel", "InventoryFiles", "Inventory", "Dashboard", "TerminalUI", "CursesTerminal",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Times the real dashboard headless on a large inventory, for Benchmarks/run.
        .executableTarget(name: "RadRiskBench", dependencies: [
            "Dashboard", "Inventory", "RiskModel", "TerminalUI", "TerminalUITesting",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "RiskModelTests", dependencies: ["RiskModel"]),
        .testTarget(name: "InventoryFilesTests", dependencies: ["InventoryFiles", "RiskModel"]),
        .testTarget(name: "InventoryTests", dependencies: [
            "Inventory", "InventoryFiles", "RiskModel", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "TerminalUITesting"]),
        .testTarget(
            name: "DashboardTests",
            dependencies: ["Dashboard", "TerminalUI", "TerminalUITesting", "Inventory", "InventoryFiles", "RiskModel"],
            exclude: ["Snapshots"]),
        .testTarget(name: "CLITests", dependencies: ["RiskModel"]),
    ],
    swiftLanguageModes: [.v6]
)

/// Lets the modules on the per-row path of score, import and export (the factor levels' tokens,
/// the scoring, the cell codec) be specialised and inlined into their callers: without it every
/// `token` went through generic metadata. Score of 1M systems: 5.0 -> 4.4 s.
var crossModuleOptimization: SwiftSetting { .unsafeFlags(["-cross-module-optimization"]) }
