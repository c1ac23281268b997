import Foundation

/// SQLite's locking is unreliable on network filesystems, and a shared inventory there can be
/// corrupted: such a location is refused up front.
enum FileSystemCheck {
    /// The network filesystem a mount type names (as in /proc/mounts), or nil for a local one.
    static func networkFileSystem(type: String) -> String? {
        let networked = ["nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "ceph", "afs", "glusterfs", "lustre", "fuse.sshfs", "fuse.s3fs", "fuse.rclone"]
        return networked.contains(type) ? type : nil
    }

    /// The type of the filesystem holding `path`: the longest mount point in `mounts` (the text of
    /// /proc/mounts) that contains it.
    static func fileSystemType(of path: String, mounts: String) -> String? {
        var best: (point: String, type: String)?
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let point = String(fields[1]).replacingOccurrences(of: "\\040", with: " ")
            let contains = point == "/" || path == point || path.hasPrefix(point + "/")
            if contains, point.count >= (best?.point.count ?? -1) { best = (point, String(fields[2])) }
        }
        return best?.type
    }

    /// Refuses a database whose directory is on a network filesystem.
    static func requireLocal(_ path: String) throws(InventoryError) {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().resolvingSymlinksInPath().path
        guard let mounts = try? String(contentsOfFile: "/proc/mounts", encoding: .utf8),
              let type = fileSystemType(of: directory, mounts: mounts),
              let kind = networkFileSystem(type: type) else { return }
        throw .database(path: path, reason: "is on a network filesystem (\(kind)); SQLite's locking is not reliable there, so a shared inventory could be corrupted. Keep it on a local disk of the review box")
    }
}
