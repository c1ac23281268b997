import Synchronization

/// The audit lines a store has committed, by sequence number: an open dashboard tells its own
/// saves from other people's by them, whoever the audit trail names (one officer may have two
/// dashboards open, or save from the command line as well).
final class OwnAuditEntries: Sendable {
    /// One range per transaction, as a million-row import writes a million lines at once.
    private let ranges = Mutex<[ClosedRange<Int>]>([])

    func record(_ lines: ClosedRange<Int>) {
        ranges.withLock { $0.append(lines) }
    }

    func contains(_ sequence: Int) -> Bool {
        ranges.withLock { $0.contains { $0.contains(sequence) } }
    }
}

extension InventoryStore {
    /// Whether this store wrote the audit entry: a change made through it, rather than through
    /// another process or another store on the same inventory.
    public func wroteAuditEntry(_ sequence: Int) -> Bool {
        ownAuditEntries.contains(sequence)
    }
}
