import InventoryFiles
import RiskModel

/// Feeds arbitrary bytes through the reader and the contract decoder, in small chunks so that
/// every state of the reader meets a chunk boundary. Any crash, hang or sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let today = CalendarDate(year: 2026, month: 1, day: 1)!
    let limits = CSVLimits(maximumFieldBytes: 512, maximumFields: 64)
    _ = try? InventoryReading.read(MemoryByteSource(bytes), file: "fuzz.csv", today: today, limits: limits) { system, _ in
        precondition(!system.name.isEmpty, "a decoded system has a name")
    }
    let reader = CSVReader(source: MemoryByteSource(bytes), limits: limits, chunkSize: 7)
    while (try? reader.readNext()) == true {
        precondition(reader.record.fieldCount <= limits.maximumFields, "field count bounded")
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32

/// SwiftPM links an executable's entry point under this name; hand control to libFuzzer's driver.
@_cdecl("CSVReaderFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzz)
}
