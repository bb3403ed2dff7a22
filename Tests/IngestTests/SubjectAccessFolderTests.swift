#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Ingest
import Testing
import TestSupport

/// The folder a person's copy goes into: new or empty, the owner's alone, never another
/// copy's, and nothing left behind when writing fails.
@Suite struct SubjectAccessFolderTests {
    func mode(_ path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1
    }

    @Test func aNewFolderIsTheOwnersAloneAndAnEmptyOneIsMadeSo() throws {
        let base = try BuiltProducts.temporaryFolder()
        let fresh = base.appendingPathComponent("copy").path
        let written = try SubjectAccessFolder(path: fresh).write([("a.txt", Array("one".utf8)), ("b.bin", [0, 1, 2])])
        #expect(written == [fresh + "/a.txt", fresh + "/b.bin"])
        #expect(try mode(fresh) == 0o700 && mode(fresh + "/a.txt") == 0o600 && mode(fresh + "/b.bin") == 0o600)
        #expect(FileManager.default.contents(atPath: fresh + "/b.bin") == Data([0, 1, 2]))

        let open = base.appendingPathComponent("open").path
        try FileManager.default.createDirectory(atPath: open, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        _ = try SubjectAccessFolder(path: open).write([("a.txt", [])])
        #expect(try mode(open) == 0o700, "an empty folder others could read is closed first")
    }

    @Test func anythingButANewOrEmptyFolderIsRefused() throws {
        let base = try BuiltProducts.temporaryFolder()
        let busy = base.appendingPathComponent("busy")
        try FileManager.default.createDirectory(at: busy, withIntermediateDirectories: false)
        try Data("x".utf8).write(to: busy.appendingPathComponent(".hidden"))
        let file = base.appendingPathComponent("file")
        try Data().write(to: file)
        let empty = base.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: false)
        let link = base.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: empty)
        for (path, words) in [(busy.path, "is not empty (1 entry)"), (file.path, "is not a folder"), (link.path, "is not a folder"),
                              (base.path + "/none/copy", "cannot create the folder")] {
            let refused = #expect(throws: IngestError.self) { try SubjectAccessFolder(path: path).write([("a.txt", [1])]) }
            #expect(refused?.message.contains(words) == true, "\(path): \(String(describing: refused))")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: empty.path).isEmpty, "nothing written through the link")
        #expect(try FileManager.default.contentsOfDirectory(atPath: busy.path) == [".hidden"])
    }

    /// A file that cannot be written (a name that would leave the folder) undoes the copy:
    /// no half copy is handed to anyone.
    @Test func aFailedWriteLeavesNothing() throws {
        let base = try BuiltProducts.temporaryFolder()
        let copy = base.appendingPathComponent("copy").path
        for name in ["../escape.txt", "", ".."] {
            let refused = #expect(throws: IngestError.self) { try SubjectAccessFolder(path: copy).write([("summary.txt", [1]), (name, [2])]) }
            #expect(refused?.message.contains("refusing the file name") == true)
            #expect(!FileManager.default.fileExists(atPath: copy))
        }
        #expect(!FileManager.default.fileExists(atPath: base.appendingPathComponent("escape.txt").path))
        // Into an existing empty folder: the files go, the folder (not ours to remove) stays.
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: false)
        #expect(throws: IngestError.self) { try SubjectAccessFolder(path: copy).write([("summary.txt", [1]), ("a/b", [2])]) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: copy).isEmpty)
    }
}
