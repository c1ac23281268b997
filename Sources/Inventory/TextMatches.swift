import GRDB
import RiskModel
import Synchronization

/// The rows a text filter matches, found once and kept while the officer pages through them.
///
/// Finding them reads every active system. Paging a filter that matches many walks the order's
/// index and tests each row against this set: a page costs what an unfiltered one does.
struct TextMatches: Sendable {
    /// What the set was found for (`TextSearch.matchSet`).
    let key: String
    let stamp: Stamp
    /// The matching `system.number`s, ascending.
    let numbers: [Int64]
    /// Matches per tier, counted as they were found.
    let tierCounts: [Tier: Int]

    /// What the set was found against. The audit trail's newest entry: every change to a system's
    /// text writes one. The policy the inventory is scored with, whose tiers the set counts:
    /// rescoring, which another process may do, writes no entry. Either newer, the set may be stale.
    struct Stamp: Hashable, Sendable {
        let auditSequence: Int
        let scoredWith: ScoredWith.Record

        init(_ db: Database) throws {
            auditSequence = try InventoryStore.auditPosition(db).sequence
            scoredWith = try ScoredWith.Record(db)
        }
    }

    func contains(_ number: Int64) -> Bool {
        var low = 0
        var high = numbers.count
        while low < high {
            let middle = (low + high) / 2
            if numbers[middle] < number { low = middle + 1 } else { high = middle }
        }
        return low < numbers.count && numbers[low] == number
    }
}

/// Keeps the latest filter's `TextMatches` and lends sets to SQL through the function
/// `text_match(token, number)`, which every connection of the store has.
final class TextMatchRegistry: Sendable {
    static let functionName = "text_match"

    private struct State {
        var latest: TextMatches?
        var lent: [Int: TextMatches] = [:]
        var nextToken = 0
    }

    private let state = Mutex(State())

    /// The set for `key` as of `stamp`, found with `find` unless already kept.
    func matches(key: String, stamp: TextMatches.Stamp, find: () throws -> TextMatches) rethrows -> TextMatches {
        if let latest = state.withLock({ $0.latest }), latest.key == key, latest.stamp == stamp {
            return latest
        }
        let found = try find()
        state.withLock { $0.latest = found }
        return found
    }

    /// Runs `body` with a token that `text_match` resolves to `matches` until `body` returns.
    func lending<T, Failure: Error>(_ matches: TextMatches, _ body: (Int) throws(Failure) -> T) throws(Failure) -> T {
        let token = state.withLock { state in
            state.nextToken += 1
            state.lent[state.nextToken] = matches
            return state.nextToken
        }
        defer { _ = state.withLock { $0.lent.removeValue(forKey: token) } }
        return try body(token)
    }

    var function: DatabaseFunction {
        DatabaseFunction(Self.functionName, argumentCount: 2, pure: false) { [self] values in
            guard let token = Int.fromDatabaseValue(values[0]), let number = Int64.fromDatabaseValue(values[1]),
                  let matches = state.withLock({ $0.lent[token] })
            else { throw DatabaseError(message: "\(Self.functionName) called without a lent match set") }
            return matches.contains(number)
        }
    }
}
