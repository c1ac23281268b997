import Dispatch
import Synchronization

/// Two stages on two cores: `produce` runs on a second thread and hands its items, in order and
/// in batches, to `consume` on the calling thread. Reading and decoding a CSV, and scoring and
/// writing it, each take about half of a million-row run: side by side they take half the time.
/// At most `depth` batches wait between the stages, so memory stays bounded whatever the input.
public enum Pipeline {
    /// Runs both stages to the end and returns what `produce` returned. An error in either stage
    /// stops both (the producer at its next item) and is rethrown here, the consumer's first.
    public static func run<Item: Sendable, Output: Sendable>(
        batchSize: Int = 512, depth: Int = 4,
        produce: @escaping @Sendable (_ emit: (consuming Item) throws -> Void) throws -> Output,
        consume: (Item) throws -> Void
    ) throws -> Output {
        let channel = Channel<Item>(depth: depth)
        let outcome = Mutex<Result<Output, any Error>?>(nil)
        let finished = DispatchSemaphore(value: 0)
        // A queue of its own, not the global one: the producer blocks while the consumer catches
        // up, and the global queue's few threads, all blocked so, would starve other pipelines.
        // A labelled queue may always have a thread of its own.
        DispatchQueue(label: "radrisk.pipeline.producer").async {
            var batch: [Item] = []
            batch.reserveCapacity(batchSize)
            let result = Result {
                try produce { item in
                    batch.append(item)
                    if batch.count == batchSize {
                        try channel.send(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
            }
            // What was produced before an error is still consumed, as in one stage.
            if !batch.isEmpty { try? channel.send(batch) }
            outcome.withLock { $0 = result }
            channel.close()
            finished.signal()
        }
        do {
            while let batch = channel.receive() {
                for item in batch { try consume(item) }
            }
        } catch {
            channel.cancel()
            finished.wait()
            throw error
        }
        finished.wait()
        return try outcome.withLock { $0! }.get()
    }
}

/// A bounded first-in first-out hand-over of batches from one thread to another.
private final class Channel<Item: Sendable>: Sendable {
    private struct State {
        var batches: [[Item]] = []
        var closed = false
        var cancelled = false
    }

    private let state = Mutex(State())
    /// Counts batches waiting (and, once closed, one more wake-up for the end).
    private let waiting = DispatchSemaphore(value: 0)
    /// Counts free places.
    private let space = DispatchSemaphore(value: 0)

    init(depth: Int) {
        // Signalled up from zero: libdispatch traps when a semaphore is freed below the value it
        // was created with, as this one is when the consumer stops early.
        for _ in 0..<depth { space.signal() }
    }

    struct Cancelled: Error {}

    func send(_ batch: [Item]) throws {
        if state.withLock({ $0.cancelled }) { throw Cancelled() }
        space.wait()
        let accepted = state.withLock { state in
            if !state.cancelled { state.batches.append(batch) }
            return !state.cancelled
        }
        guard accepted else {
            // Woken by `cancel`: pass the wake-up on, so that no later send can wait for ever.
            space.signal()
            throw Cancelled()
        }
        waiting.signal()
    }

    func close() {
        state.withLock { $0.closed = true }
        waiting.signal()
    }

    /// The next batch, or nil once the producer closed the channel and every batch was taken.
    func receive() -> [Item]? {
        while true {
            waiting.wait()
            let next: [Item]? = state.withLock { state in
                state.batches.isEmpty ? nil : state.batches.removeFirst()
            }
            if let next {
                space.signal()
                return next
            }
            if state.withLock({ $0.closed }) { return nil }
        }
    }

    /// The consumer gave up: the producer's next send throws, and a send waiting for space wakes.
    func cancel() {
        state.withLock { $0.cancelled = true }
        space.signal()
    }
}
