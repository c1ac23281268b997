import Foundation
import Testing

/// What a user who may not write beside an inventory meets. Root passes every permission check,
/// so as root radrisk runs as nobody (through setpriv); anyone else is such a user already.
@Suite("Inventory permissions")
struct PermissionTests {
    /// The user radrisk runs as here: its name and ids.
    static let user: (name: String, uid: uid_t, gid: gid_t) = {
        guard getuid() == 0, let nobody = getpwnam("nobody") else { return (ProcessInfo.processInfo.userName, getuid(), getgid()) }
        return ("nobody", nobody.pointee.pw_uid, nobody.pointee.pw_gid)
    }()

    let directory = RadRiskProcess.temporaryDirectory() + "/team"
    var database: String { directory + "/inventory.sqlite" }

    /// The sample inventory, made by this process (root, or the user itself) and given to the user.
    func sampleInventory() throws {
        #expect(try RadRiskProcess.run(["import", RadRiskProcess.sample("inventory.csv"), "--db", database]).status == 0)
        for path in [directory, database] { #expect(chown(path, Self.user.uid, Self.user.gid) == 0) }
    }

    func radriskAsUser(_ arguments: [String]) throws -> RadRiskProcess.Result {
        let command = getuid() == 0 ? "exec setpriv --reuid=\(Self.user.uid) --regid=\(Self.user.gid) --clear-groups \"$0\" \"$@\"" : "exec \"$0\" \"$@\""
        return try RadRiskProcess.run(["-c", command, try executableForUser()] + arguments + ["--db", database], shell: true)
    }

    /// The binary, copied beside the inventory's directory: the user may not enter the directory
    /// the repository was cloned into.
    func executableForUser() throws -> String {
        let copy = URL(fileURLWithPath: directory).deletingLastPathComponent().appendingPathComponent("radrisk").path
        if !FileManager.default.fileExists(atPath: copy) { try FileManager.default.copyItem(atPath: RadRiskProcess.executable.path, toPath: copy) }
        return copy
    }

    @Test func aDatabaseInADirectoryTheUserCannotWriteSaysWhyItCannotBeRead() throws {
        try sampleInventory()
        #expect(!FileManager.default.fileExists(atPath: database + "-shm"))
        #expect(chmod(directory, 0o555) == 0)
        defer { chmod(directory, 0o700) }
        let list = try radriskAsUser(["list"])
        #expect(list.status == 74)
        #expect(list.stderr == """
            radrisk: \(database): cannot be read: \(Self.user.name) cannot write the directory \(directory), where SQLite must make \
            \(database)-shm to read an inventory in WAL mode. It can be read while someone who can write there has it open; otherwise \
            ask for write access to the directory (`radrisk init --group` sets one up for a review team)

            """)
    }

    /// A read-only open by the owner leaves the -wal and -shm files read-only; made writable
    /// again, the database alone would let every writer fail on them.
    @Test func aSharedMemoryFileLeftReadOnlySaysWhichFileAndWhatToDo() throws {
        try sampleInventory()
        #expect(chmod(database, 0o400) == 0)
        #expect(try radriskAsUser(["list"]).status == 0)
        #expect(chmod(database, 0o600) == 0)
        let shm = database + "-shm"
        #expect((try FileManager.default.attributesOfItem(atPath: shm)[.posixPermissions] as? Int) == 0o400)

        #expect(try radriskAsUser(["list"]).status == 0)
        let edit = try radriskAsUser(["edit", "NHP-CXR-001", "--set", "notes=checked"])
        #expect(edit.status == 74)
        #expect(edit.stderr == """
            radrisk: \(database) is open read-only (\(Self.user.name) cannot write \(shm), which a read-only open left read-only: \
            its owner can make it writable as the database is (chmod u+w \(shm))); nothing was changed

            """)
        #expect(chmod(shm, 0o600) == 0)
        let retried = try radriskAsUser(["edit", "NHP-CXR-001", "--set", "notes=checked"])
        #expect(retried.status == 0, "\(retried.stderr)")
    }
}
