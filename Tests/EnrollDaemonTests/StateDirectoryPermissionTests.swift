#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import EnrollDaemon

/// The state folder holds the device key and the sealed records: whatever its permissions
/// were before (made by hand, an older layout, `mkdir` outside systemd), the daemon keeps it
/// private, and says so when it had to change them.
@Suite struct StateDirectoryPermissionTests {
    private func scratch(mode: mode_t?) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("state-mode-\(UUID().uuidString)").path
        if let mode {
            #expect(mkdir(path, 0o700) == 0)
            #expect(chmod(path, mode) == 0)
        }
        return path
    }

    private func mode(_ path: String) -> mode_t {
        var info = stat()
        _ = stat(path, &info)
        return info.st_mode & 0o7777
    }

    @Test func aNewFolderIsPrivateAndNothingIsReported() throws {
        let path = try scratch(mode: nil)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let state = try StateDirectory(path: path)
        #expect(mode(path) == 0o700)
        #expect(state.formerMode == nil)
    }

    @Test(arguments: [mode_t(0o755), 0o750, 0o777, 0o705])
    func anOpenFolderOfOursIsMadePrivateAndItsFormerModeKept(_ former: mode_t) throws {
        let path = try scratch(mode: former)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let state = try StateDirectory(path: path)
        #expect(mode(path) == 0o700)
        #expect(state.formerMode == former)
    }

    @Test func aPrivateFolderIsLeftAsItIs() throws {
        let path = try scratch(mode: 0o700)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let state = try StateDirectory(path: path)
        #expect(state.formerMode == nil)
        #expect(mode(path) == 0o700)
    }

    /// Only root can hand a folder to another user; elsewhere the case cannot be built.
    @Test(.enabled(if: geteuid() == 0, "needs root to give the folder to another user"))
    func anotherUsersFolderOpenToEveryoneIsRefusedAndOneSharedWithAGroupIsUsed() throws {
        let open = try scratch(mode: 0o755)
        let shared = try scratch(mode: 0o770)
        defer { for path in [open, shared] { try? FileManager.default.removeItem(atPath: path) } }
        #expect(chown(open, 65534, 65534) == 0)
        #expect(chown(shared, 65534, 65534) == 0)
        let error = #expect(throws: StateDirectory.Failure.self) { try StateDirectory(path: open) }
        #expect(error?.description.contains("chmod 700 \(open)") == true)
        #expect(mode(open) == 0o755)
        // Root may enter the group-shared folder; its permissions are the administrator's.
        let state = try StateDirectory(path: shared)
        #expect(state.formerMode == nil)
        #expect(mode(shared) == 0o770)
    }
}
