import InventoryFiles
import Synchronization
import Testing

@Suite("Pipeline")
struct PipelineTests {
    struct Broken: Error, Equatable { let at: Int }

    @Test(arguments: [1, 7, 512])
    func everyItemArrivesOnceInOrder(batchSize: Int) throws {
        var received: [Int] = []
        let output = try Pipeline.run(batchSize: batchSize, depth: 2) { emit in
            for item in 0..<10_000 { try emit(item) }
            return "done"
        } consume: { received.append($0) }
        #expect(output == "done")
        #expect(received == Array(0..<10_000))
    }

    @Test func aProducerErrorArrivesAfterWhatWasProducedBeforeIt() throws {
        var received: [Int] = []
        #expect(throws: Broken(at: 100)) {
            _ = try Pipeline.run(batchSize: 8) { emit in
                for item in 0..<100 { try emit(item) }
                throw Broken(at: 100)
            } consume: { received.append($0) }
        }
        #expect(received == Array(0..<100))
    }

    @Test func aConsumerErrorStopsTheProducerWhichStaysBoundedAhead() throws {
        let produced = Atomic<Int>(0)
        #expect(throws: Broken(at: 10)) {
            _ = try Pipeline.run(batchSize: 1, depth: 1) { emit in
                for item in 0..<1_000_000 {
                    try emit(item)
                    produced.add(1, ordering: .relaxed)
                }
            } consume: { item in
                if item == 10 { throw Broken(at: 10) }
            }
        }
        // One batch in the consumer's hands, one waiting, one being filled.
        #expect(produced.load(ordering: .relaxed) < 20)
    }
}
