import Glibc

/// The -wal and -shm files SQLite keeps beside a database in WAL mode: whether this user can
/// make and use them, which writing needs and, when the -shm file is missing, reading too.
enum WALFiles {
    /// The directory holding `path`, where the files are made.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Why this user could not write beside the database at `path`, or nil. A read-only open by
    /// the owner leaves the files with the database's read-only mode, and every writer then fails
    /// on them until they are made writable again.
    static func whyNotWritable(beside path: String, user: String) -> String? {
        let directory = directory(of: path)
        if access(directory, W_OK | X_OK) != 0 { return "\(user) cannot write the directory \(directory)" }
        for file in [path + "-wal", path + "-shm"] where access(file, F_OK) == 0 && access(file, W_OK) != 0 {
            return "\(user) cannot write \(file), which a read-only open left read-only: its owner can make it writable as the database is (chmod u+w \(file))"
        }
        return nil
    }

    /// Why this user cannot even read the database at `path`, or nil. Reading a database in WAL
    /// mode needs the -shm file, which the last connection to close removes and the next makes;
    /// SQLite, unable to make it, says only "attempt to write a readonly database".
    static func whyNotReadable(beside path: String, user: String) -> String? {
        let directory = directory(of: path)
        guard access(path + "-shm", F_OK) != 0, access(directory, W_OK | X_OK) != 0 else { return nil }
        return "cannot be read: \(user) cannot write the directory \(directory), where SQLite must make \(path)-shm to read an inventory "
            + "in WAL mode. It can be read while someone who can write there has it open; otherwise ask for write access "
            + "to the directory (`radrisk init --group` sets one up for a review team)"
    }
}
