@testable import Inventory
import Testing

@Suite("Network filesystems")
struct FileSystemCheckTests {
    let mounts = """
        /dev/vda / ext4 rw,relatime 0 0
        tmpfs /tmp tmpfs rw 0 0
        server:/export /srv/shared nfs4 rw,vers=4.2 0 0
        //nas/radiology /mnt/nas cifs rw 0 0
        user@host:/data /home/alice/remote\\040box fuse.sshfs rw 0 0
        """

    @Test(arguments: [
        ("/srv/shared/radrisk", "nfs4"), ("/srv/shared", "nfs4"), ("/mnt/nas/x", "cifs"),
        ("/home/alice/remote box/db", "fuse.sshfs"),
    ])
    func aPathOnANetworkMountIsRecognised(path: String, type: String) {
        #expect(FileSystemCheck.fileSystemType(of: path, mounts: mounts) == type)
        #expect(FileSystemCheck.networkFileSystem(type: type) == type)
    }

    @Test(arguments: ["/tmp/radrisk", "/var/lib/radrisk", "/srv/sharedness", "/"])
    func localPathsPass(path: String) {
        let type = FileSystemCheck.fileSystemType(of: path, mounts: mounts)
        #expect(type != nil)
        #expect(FileSystemCheck.networkFileSystem(type: type!) == nil)
    }
}
