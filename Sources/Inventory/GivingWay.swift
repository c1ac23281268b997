import GRDB
import GRDBSQLite

/// Lets a long read stop part-way for something more urgent, such as a key the person has
/// already typed: SQLite asks `stop` every `steps` steps of its virtual machine.
enum GivingWay {
    /// About 2,000 index entries counted (0.3 ms at the 150 ms a million take): a count stops
    /// soon after it is asked to, and is asked some 500 times in a whole count.
    static let steps: Int32 = 10_000

    /// `body`'s result, or nil when `stop` said so before it ended.
    static func read<T>(_ db: Database, unless stop: () -> Bool, _ body: () throws -> T) throws -> T? {
        try withoutActuallyEscaping(stop) { stop in
            let check = Check(stop)
            let context = Unmanaged.passUnretained(check).toOpaque()
            sqlite3_progress_handler(db.sqliteConnection, steps, { context in
                Unmanaged<Check>.fromOpaque(context!).takeUnretainedValue().stop() ? 1 : 0
            }, context)
            defer {
                sqlite3_progress_handler(db.sqliteConnection, 0, nil, nil)
                withExtendedLifetime(check) {}
            }
            do {
                return try body()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
                return nil
            }
        }
    }

    private final class Check {
        let stop: () -> Bool
        init(_ stop: @escaping () -> Bool) { self.stop = stop }
    }
}
