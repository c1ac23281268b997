import Glibc
import InventoryFiles

extension InventoryStore {
    /// Writes the assessment of every system the query matches, in `format`, ending with the policy
    /// version (where the format has room for it).
    public func export(_ query: InventoryQuery, format: ExportFormat, to sink: some ByteSink) throws {
        let writer = format.writer(to: sink)
        try writer.begin()
        try forEachAssessed(query) { try writer.write($0) }
        try writer.finish(trailer: ["policy_version": policy.version, "audit_head": try auditHead()])
    }

    /// Exports to a file, atomically: the assessment is written beside `path` and renamed over it
    /// only once complete, so a reader never sees half an export and a failure leaves no debris.
    public func export(_ query: InventoryQuery, format: ExportFormat, toFile path: String) throws {
        let temporary = path + ".partial-\(getpid())"
        do {
            let sink = try FileByteSink(creating: temporary, exclusive: true)
            try export(query, format: format, to: sink)
            try sink.synchronise()
            guard rename(temporary, path) == 0 else {
                throw FileAccessError(.writing, path: path, reason: String(cString: strerror(errno)))
            }
        } catch {
            unlink(temporary)
            throw error
        }
    }
}
