// swift-tools-version:6.0
// The CSV reader's libFuzzer target, in a package of its own: a fuzz target has no main, so it would
// break `swift build` of the product. Build and run: Fuzz/run (see README).
import PackageDescription

let package = Package(
    name: "RadRiskFuzz",
    dependencies: [.package(name: "RadRisk", path: "..")],
    targets: [
        .executableTarget(
            name: "CSVReaderFuzz",
            dependencies: [.product(name: "InventoryFiles", package: "RadRisk")],
            swiftSettings: [.unsafeFlags(["-sanitize=fuzzer,address", "-parse-as-library"])],
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])]),
    ],
    swiftLanguageModes: [.v6]
)
