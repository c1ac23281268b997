import ArgumentParser

/// `radrisk-bench`: measurements that need the product's code in-process. `Benchmarks/run` drives
/// it; the command-line figures come from timing the real `radrisk` binary instead.
@main
struct RadRiskBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "radrisk-bench",
        abstract: "Measure RadRisk operations for the benchmark suite (see Benchmarks/run).",
        subcommands: [DashboardBenchmark.self])
}
