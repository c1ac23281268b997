import Glibc
import GRDB
import InventoryFiles
import RiskModel

/// The one type that owns the inventory database: its configuration, its migrations, and every
/// read and write. Scores are derived by `policy` and stored beside the factors (with the policy's
/// version) so that the list can sort and filter a million systems by score through an index;
/// opening the store under another policy recomputes them, and opening it with none uses the
/// policy they were made with (see `ScoredWith`).
public final class InventoryStore: Sendable {
    public let path: String
    public let policy: Policy
    let writer: any DatabaseWriter
    /// Who is recorded as having made changes through this store.
    public let user: String
    /// The user who ran sudo, recorded beside `user` when present.
    let sudoUser: String?
    /// The UTC time stamps recorded with changes (fixed in tests, so that screens compare exactly).
    let clock: @Sendable () -> String
    /// Why this store cannot change the inventory, or nil when it can.
    public let readOnlyReason: String?
    /// The store created the inventory for its first load: an import switches it to WAL when it
    /// ends (see `init`).
    let loadsNewInventory: Bool
    /// See `Rescoring.inEachImport`.
    let rescoresInEachImport: Bool

    /// When an inventory scored under another policy than the store's is rescored.
    public enum Rescoring: Sendable {
        /// As the store opens.
        case whenOpened
        /// By each import, in its transaction, before its rows.
        case inEachImport
    }
    /// The latest text filter's matches, kept between pages.
    let textMatchRegistry = TextMatchRegistry()
    /// The audit lines of the changes made through this store.
    let ownAuditEntries = OwnAuditEntries()

    /// Opens (creating if needed, mode 0600) the inventory at `path`. An existing inventory this
    /// user cannot write, or any with `readOnly`, opens read-only: everything can be read and
    /// exported, and every change is refused with `InventoryError.readOnly`.
    ///
    /// `policy` nil means the inventory's own: the one its scores were made with, or the built-in
    /// one for an inventory never scored. An inventory scored under another policy is rescored
    /// first (a million systems take some 25 s); `beforeRescoring` is told how many systems and
    /// which version they had.
    /// `beforeUpgrading` is called before an inventory made by an earlier radrisk is migrated
    /// (v7 rebuilds four indexes, v8 adds one, v9 drops the trigram index and adds one: 8.3, 1.5
    /// and about 10 s at a million systems).
    ///
    /// With `forFirstLoad`, an inventory this call creates is opened on one connection in SQLite's
    /// rollback-journal mode for the import that fills it, and switched to WAL when that import
    /// ends. In WAL mode a load writes every page twice, into the WAL and then into the database
    /// when it commits; pages a new database did not have need no journal at all. A million-row
    /// import takes 57-61 s instead of 78-85, and 10,000 rows 0.47 s instead of 0.60. Anyone
    /// opening the inventory meanwhile waits for the import, as for any writer, up to the busy
    /// timeout.
    ///
    /// `rescoring` `.inEachImport` leaves an inventory scored under another policy as it is, and
    /// each `importCSV` rescores it first in its own transaction: a failed import, or a dry run,
    /// then leaves the scores as they were, as it leaves everything else.
    public init(
        path: String, policy: Policy?, user: String = OSUser.current, readOnly: Bool = false, forFirstLoad: Bool = false,
        rescoring: Rescoring = .whenOpened,
        clock: @escaping @Sendable () -> String = InventoryStore.timestamp,
        beforeRescoring: (_ systems: Int, _ scoredWith: String?) -> Void = { _, _ in },
        beforeUpgrading: () -> Void = {}
    ) throws(InventoryError) {
        self.path = path
        self.user = user
        sudoUser = OSUser.sudoUser
        self.clock = clock
        try Self.refuseNonRegularFile(path)
        readOnlyReason = readOnly ? "opened read-only" : Self.whyNotWritable(path, user: user)
        do {
            let writable = readOnlyReason == nil
            let created = writable ? try Self.createPrivately(path) : false
            let loadsNew = created && forFirstLoad
            loadsNewInventory = loadsNew
            try FileSystemCheck.requireLocal(path)
            try Self.refuseWorldWritable(path)
            var configuration = Self.configuration(textMatchRegistry, newFile: created)
            configuration.readonly = !writable
            writer = try Self.waitingOutWriters {
                let writer: any DatabaseWriter = loadsNew
                    ? try DatabaseQueue(path: path, configuration: configuration)
                    : try DatabasePool(path: path, configuration: configuration)
                if loadsNew {
                    // Held from the first write to the end of the load (see `importCSV`), so that
                    // nobody reads the inventory half-made, between its set-up and its rows.
                    try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE") }
                }
                guard writable else { return writer }
                try writer.writeWithoutTransaction(Self.setUpWriting)
                let upgrades = try writer.read { db in
                    try !Schema.migrator.appliedIdentifiers(db).isEmpty && !Schema.migrator.hasCompletedMigrations(db)
                }
                if upgrades { beforeUpgrading() }
                try Schema.migrator.migrate(writer)
                return writer
            }
            let opened = writer
            let scoredWith = try Self.waitingOutWriters { try opened.read { db in try ScoredWith(db, path: path) } }
            self.policy = policy ?? scoredWith.policy ?? .standard
            rescoresInEachImport = writable && rescoring == .inEachImport
            if !writable {
                try Self.waitingOutWriters { try requireReadableAsIs(scoredWith) }
            } else if rescoring == .whenOpened, !scoredWith.matches(self.policy) || scoredWith.policy == nil {
                // Read again in the write: another process may have rescored since.
                try Self.waitingOutWriters {
                    try writer.write { db in try rescore(db, from: ScoredWith(db, path: path), beforeRescoring: beforeRescoring) }
                }
            }
        } catch let error as InventoryError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY {
            throw .database(path: path, reason: WALFiles.whyNotReadable(beside: path, user: user) ?? Self.describe(error))
        } catch {
            throw .database(path: path, reason: Self.describe(error))
        }
    }

    /// A private in-memory inventory (tests, `radrisk score`-like one-offs).
    public init(
        inMemoryWith policy: Policy, user: String = "test",
        clock: @escaping @Sendable () -> String = InventoryStore.timestamp
    ) throws(InventoryError) {
        path = ":memory:"
        self.policy = policy
        self.user = user
        sudoUser = nil
        self.clock = clock
        readOnlyReason = nil
        loadsNewInventory = false
        rescoresInEachImport = false
        do {
            writer = try DatabaseQueue(configuration: Self.configuration(textMatchRegistry))
            try Schema.migrator.migrate(writer)
        } catch {
            throw .database(path: path, reason: Self.describe(error))
        }
    }

    private static let busyTimeoutSeconds = 10

    /// Runs `body` again, from the start, while SQLite reports the inventory busy, until the busy
    /// timeout has passed. SQLite waits out a writer by itself, except where waiting could
    /// deadlock: a connection that has read and then wants to write, while another is writing, is
    /// told "busy" at once. Opening does just that (a reader that must migrate or rescore, or
    /// turn a new file to WAL), so it would fail at once, beside an import, instead of waiting.
    private static func waitingOutWriters<Result>(_ body: () throws -> Result) throws -> Result {
        let deadline = ContinuousClock.now.advanced(by: .seconds(busyTimeoutSeconds))
        while true {
            do {
                return try body()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && ContinuousClock.now < deadline {
                usleep(50_000)
            }
        }
    }

    /// Pages of 16 KiB, not SQLite's 4: a text filter reads every row, and a quarter as many pages
    /// is a quarter as many reads and page changes. At a million systems, /ne + Enter 297 -> 251
    /// ms (medians of five); imports 6-9% quicker; a lookup by row
    /// copies a larger page. The size is fixed when a file's first page is written, before it
    /// turns to WAL: inventories made earlier keep 4 KiB.
    private static let pageSize = 16384

    /// Bytes of WAL kept for reuse after a checkpoint (see `setUpWriting`).
    static let walSizeLimit = 64 << 20

    /// How the connection that commits writes. Set once the store is open, not in
    /// `prepareDatabase`: a pool turns its writer to WAL after that, and with it to `synchronous =
    /// NORMAL`, under which a commit is not on disk until a checkpoint (a power cut could take the
    /// last edits and their audit lines).
    private static func setUpWriting(_ db: Database) throws {
        try db.execute(sql: "PRAGMA synchronous = FULL")
        // A big import or a rescoring leaves a WAL of gigabytes at a million systems, which SQLite
        // keeps for reuse until the last connection closes: on a shared box, where some dashboard
        // is always open, never. With a limit, the first commit after the WAL starts over cuts it
        // back. Day-to-day edits stay far below it (a checkpoint every 1,000 pages).
        try db.execute(sql: "PRAGMA journal_size_limit = \(walSizeLimit)")
    }

    private static func configuration(_ textMatches: TextMatchRegistry, newFile: Bool = false) -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Several officers' processes share one file: wait for a writer rather than fail.
        configuration.busyMode = .timeout(Double(busyTimeoutSeconds))
        configuration.prepareDatabase { db in
            if newFile { try db.execute(sql: "PRAGMA page_size = \(pageSize)") }
            // Imports update indexes in key order, not file order: a page cache
            // of 64 MiB (not SQLite's 2 MiB) keeps the writer from re-reading the same pages.
            // Readers page through indexes and are several: 16 MiB each keeps a dashboard small.
            try db.execute(sql: db.configuration.readonly ? "PRAGMA cache_size = -16384" : "PRAGMA cache_size = -65536")
            db.add(function: textMatches.function)
            try TextContains.register(on: db)
        }
        return configuration
    }

    /// Creates the file (and its directory) readable only by its owner before SQLite does, so that
    /// the database and the WAL and SHM files SQLite derives from it are never world-readable.
    /// Returns whether it created the file.
    private static func createPrivately(_ path: String) throws(InventoryError) -> Bool {
        if access(path, F_OK) == 0 { return false }
        if let slash = path.lastIndex(of: "/") {
            let directory = String(path[..<slash])
            if !directory.isEmpty { try makeDirectories(directory) }
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 || errno == EEXIST else {
            throw .database(path: path, reason: "cannot create: \(String(cString: strerror(errno)))")
        }
        guard descriptor >= 0 else { return false }
        close(descriptor)
        return true
    }

    /// Why an existing inventory cannot be written by this process (nil for a new one: creating
    /// it reports its own errors). The -wal and -shm files beside it count too.
    private static func whyNotWritable(_ path: String, user: String) -> String? {
        guard access(path, F_OK) == 0 else { return nil }
        if access(path, W_OK) != 0 { return "\(user) cannot write \(path)" }
        return WALFiles.whyNotWritable(beside: path, user: user)
    }

    /// A read-only store can neither migrate nor rescore, and a writable one opened not to
    /// rescore (a dry run) must not: refuse what it would show wrongly.
    private func requireReadableAsIs(_ scoredWith: ScoredWith) throws {
        guard try writer.read(Schema.migrator.hasCompletedMigrations) else {
            throw InventoryError.database(path: path, reason: "was made by an older radrisk and must be upgraded: open it once with write access")
        }
        if let version = scoredWith.version, !scoredWith.matches(policy) {
            let (stored, given) = (Printable.escaped(version), Printable.escaped(policy.version))
            let other = version == policy.version ? "another policy named \(stored)" : "policy \(stored), not \(given)"
            // An inventory scored before its policy's text was kept can only be given it again.
            let own = scoredWith.policy == nil ? "with that policy" : "without --policy, which uses its own,"
            throw InventoryError.database(
                path: path, reason: "is scored with \(other), and is open read-only, so it cannot be rescored: open it \(own) or with write access")
        }
    }

    /// Refuses a change when the store is read-only.
    func requireWritable() throws(InventoryError) {
        if let readOnlyReason { throw .readOnly(path: path, reason: readOnlyReason) }
    }

    /// SQLite cannot keep a database in a directory, device or FIFO, and says only "disk I/O error"
    /// (or the mode of /dev/null is taken for a world-writable inventory): name what is there.
    private static func refuseNonRegularFile(_ path: String) throws(InventoryError) {
        var status = stat()
        guard stat(path, &status) == 0 else { return }
        let kind: String
        switch status.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: kind = "a directory"
        case S_IFIFO: kind = "a FIFO (named pipe)"
        case S_IFCHR, S_IFBLK: kind = "a device"
        case S_IFSOCK: kind = "a socket"
        default: kind = "not a file"
        }
        throw .database(path: path, reason: "is \(kind), not a regular file; an inventory is a SQLite database file: give the path of one, or of a new file to create")
    }

    /// Anyone could rewrite a world-writable inventory, audit trail included: refuse to use it.
    private static func refuseWorldWritable(_ path: String) throws(InventoryError) {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IWOTH != 0 else { return }
        throw .database(
            path: path,
            reason: "is writable by every user (mode \(String(status.st_mode & 0o777, radix: 8))), so anyone could rewrite the inventory and its audit trail; run `chmod o-w \(path)` (and on its -wal and -shm files)")
    }

    /// Sets up a group-shared inventory: the directory owned by `group`, 2770 (new files take the
    /// group), and the database 0660, so every member of the review team can open it.
    public static func initialiseShared(path: String, group: String, policy: Policy) throws(InventoryError) {
        // Before the directory is given to the group: /dev, for --db /dev/null, must not be.
        try refuseNonRegularFile(path)
        guard let entry = getgrnam(group) else { throw .database(path: path, reason: "no group named '\(group)'") }
        let gid = entry.pointee.gr_gid
        let directory = WALFiles.directory(of: path)
        try makeDirectories(directory, sharedWith: gid)
        try refuseSharedDirectory(directory, of: path, gid: gid)
        guard chown(directory, uid_t.max, gid) == 0, chmod(directory, 0o2770) == 0 else {
            throw .database(path: directory, reason: "cannot give the directory to group '\(group)': \(String(cString: strerror(errno)))")
        }
        if access(path, F_OK) != 0 {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o660)
            guard descriptor >= 0 else { throw .database(path: path, reason: "cannot create: \(String(cString: strerror(errno)))") }
            close(descriptor)
        }
        guard chown(path, uid_t.max, gid) == 0, chmod(path, 0o660) == 0 else {
            throw .database(path: path, reason: "cannot share with group '\(group)': \(String(cString: strerror(errno)))")
        }
        _ = try InventoryStore(path: path, policy: policy)
    }

    /// The directory is given to the group whole: one that holds anything but this inventory
    /// (`--db /srv/inventory.sqlite`) would open all of it to the team, so it is left as it is,
    /// unless it is the group's already.
    private static func refuseSharedDirectory(_ directory: String, of path: String, gid: gid_t) throws(InventoryError) {
        var status = stat()
        if stat(directory, &status) == 0, status.st_gid == gid, status.st_mode & 0o7777 == 0o2770 { return }
        guard let listing = opendir(directory) else {
            throw .database(path: directory, reason: "cannot read the directory: \(String(cString: strerror(errno)))")
        }
        defer { closedir(listing) }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let own: Set<String> = [".", "..", name, name + "-wal", name + "-shm", name + "-journal"]
        while let entry = readdir(listing) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard own.contains(entryName) else {
                throw .database(
                    path: directory,
                    reason: "holds other files (such as '\(Printable.escaped(entryName))'), and `init --group` gives the whole "
                        + "directory to the group: put the inventory in a directory of its own, such as \(directory)/radrisk/\(name)")
            }
        }
    }

    /// Makes `directory` and any missing directory above it, private to the user; with a group,
    /// the ones made above it let the group through (0750), or its members could not reach the
    /// inventory the group is given.
    private static func makeDirectories(_ directory: String, sharedWith group: gid_t? = nil) throws(InventoryError) {
        var current = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o700) == 0 {
                guard let group, current != directory else { continue }
                guard chown(current, uid_t.max, group) == 0, chmod(current, 0o750) == 0 else {
                    throw .database(path: current, reason: "cannot let the group through: \(String(cString: strerror(errno)))")
                }
            } else if errno != EEXIST {
                throw .database(path: directory, reason: "cannot create directory: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Recomputes the stored scores when they were made under another policy. The policy last
    /// used to score the whole inventory is kept in `inventory_meta`, so that opening under the
    /// same policy costs one lookup rather than a scan of every row. Every row is rescored: an
    /// edit saved under a policy the inventory was not scored with may have left any row's score
    /// from yet another.
    ///
    /// Rows are rescored a batch at a time in row order (holding every assessment until the end
    /// took 680 MB for a million systems), with the indexes that hold scores or tiers set aside.
    func rescore(_ db: Database, from scoredWith: ScoredWith, beforeRescoring: (_ systems: Int, _ scoredWith: String?) -> Void) throws {
        guard !scoredWith.matches(policy) else {
            if scoredWith.policy == nil { try ScoredWith.record(policy, db) }
            return
        }
        let systems = try Int.fetchOne(db, sql: "SELECT count(*) FROM system") ?? 0
        if systems > 0 { beforeRescoring(systems, scoredWith.version) }
        let update = try db.makeStatement(sql: """
            UPDATE system SET risk_score_tenths = ?, risk_tier = ?, tier_rank = ?, policy_version = ? WHERE number = ?
            """)
        let select = try db.makeStatement(sql: """
            SELECT \(SystemColumns.contract.joined(separator: ", ")), number FROM system
            WHERE number > ? ORDER BY number LIMIT 10000
            """)
        let setAside = try IndexesSetAside(db, on: ["system"], holding: ["risk_score_tenths", "tier_rank"])
        var after = Int64.min
        while true {
            var batch: [(number: Int64, scoreTenths: Int, tier: Tier)] = []
            let rows = try Row.fetchCursor(select, arguments: [after])
            while let row = try rows.next() {
                let assessment = policy.assess(try SystemColumns.system(atCurrentRowOf: select, path: path).profile)
                batch.append((row[SystemColumns.contract.count], assessment.scoreTenths, assessment.tier))
            }
            guard let last = batch.last else { break }
            for row in batch {
                try update.execute(arguments: [row.scoreTenths, row.tier.token, row.tier.rawValue, policy.version, row.number])
            }
            after = last.number
        }
        try setAside.rebuild(db)
        try ScoredWith.record(policy, db)
        // Whoever gives another policy changes every system's score and maybe its tier: the
        // trail says who, when, and the policy's whole text before and after. Only a new, empty
        // inventory's first policy changes nothing.
        guard scoredWith.version != nil || systems > 0 else { return }
        let audit = try auditWriter(db, time: clock())
        try audit.append(AuditTrail.Change(
            action: .update, systemID: AuditEntry.inventoryWide, field: AuditEntry.policyField,
            oldValue: scoredWith.policy?.sourceText ?? scoredWith.version, newValue: policy.sourceText))
        try audit.finish()
    }

    /// An audit writer for changes made in this transaction.
    /// Every change writes its audit entries through here, so it is here that a change scored
    /// under this store's policy is refused once another process rescored the inventory under
    /// another: saved, it would leave the inventory scored under two.
    func auditWriter(_ db: Database, time: String) throws -> AuditTrail.Writer {
        if let other = try ScoredWith.other(than: policy, db) {
            throw InventoryError.rescoredElsewhere(path: path, policyVersion: other, ownVersion: policy.version)
        }
        return try AuditTrail.Writer(db, author: AuditTrail.Author(time: time, user: user, sudoUser: sudoUser), written: ownAuditEntries)
    }

    /// The version of the policy another process rescored the inventory under after this store
    /// opened it; nil while it is still scored with this store's policy.
    public func rescoredElsewhere() throws(InventoryError) -> String? {
        try withDatabaseErrors { try writer.read { db in try ScoredWith.other(than: policy, db) } }
    }

    /// Runs `body` and turns any database failure into an `InventoryError` naming this inventory.
    func withDatabaseErrors<T>(_ body: () throws -> T) throws(InventoryError) -> T {
        do {
            return try body()
        } catch let error as InventoryError {
            throw error
        } catch {
            throw .database(path: path, reason: Self.describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            let message = error.message ?? "\(error.resultCode)"
            // SQLite rolls the whole transaction back on a failed write: say so, and what to check.
            if error.resultCode == .SQLITE_IOERR || error.resultCode == .SQLITE_FULL {
                return "\(message) (the disk may be full, over quota or failing, or a file size limit was reached); nothing of this change was written"
            }
            if error.resultCode == .SQLITE_BUSY {
                return "\(message): another process is writing it (an import holds the inventory until it ends, and a first import into a new inventory keeps even readers out); try again when it has finished"
            }
            return message
        }
        return "\(error)"
    }

    /// The current UTC time as stored in `created_at` / `updated_at`.
    @Sendable public static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        func pad(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))T\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec))Z"
    }
}

/// The operating-system user a change is recorded against: the effective user.
public enum OSUser {
    public static var current: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid-\(geteuid())"
    }

    /// `SUDO_USER`: who really typed the command when it runs through sudo. Only as root: anyone
    /// can set the variable, and a member of the review team who did would have their changes
    /// listed under a colleague's name by `audit --user`. Root could rewrite the trail anyway.
    public static var sudoUser: String? {
        guard geteuid() == 0, let value = getenv("SUDO_USER") else { return nil }
        let name = String(cString: value)
        return name.isEmpty ? nil : name
    }
}
