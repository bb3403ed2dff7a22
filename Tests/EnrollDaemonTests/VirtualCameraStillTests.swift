import Foundation
import Imaging
import Testing
@testable import EnrollDaemon

/// The photograph named for the virtual camera: read when it is one, refused with the
/// reason when it is not, never decoded from something that is not a small regular file.
@Suite struct VirtualCameraStillTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("still-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    @Test func noNameMeansGeneratedImages() {
        #expect(VirtualCameraStill.load(nil) == nil)
        #expect(VirtualCameraStill.load("") == nil)
    }

    @Test func aPhotographIsRead() throws {
        let path = folder.appendingPathComponent("face.jpg").path
        let gray = GrayImage(width: 64, height: 48, pixels: (0..<(64 * 48)).map { UInt8($0 % 251) })
        try Data(try JPEGEncoder(quality: 90).encode(gray)).write(to: URL(fileURLWithPath: path))
        let image = try #require(try VirtualCameraStill.load(path)?.get())
        #expect(image.width == 64 && image.height == 48)
    }

    @Test func whatIsNotAPhotographIsRefusedWithTheReason() throws {
        let text = folder.appendingPathComponent("notes.txt").path
        try Data("not an image".utf8).write(to: URL(fileURLWithPath: text))
        let truncated = folder.appendingPathComponent("cut.png").path
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]).write(to: URL(fileURLWithPath: truncated))
        let huge = folder.appendingPathComponent("huge.jpg").path
        #expect(FileManager.default.createFile(atPath: huge, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: huge))
        try handle.truncate(atOffset: UInt64(VirtualCameraStill.maximumBytes + 1))
        try handle.close()
        for path in [text, truncated, huge, folder.path, folder.appendingPathComponent("gone.jpg").path, "/dev/zero"] {
            guard case .failure(let problem)? = VirtualCameraStill.load(path) else {
                Issue.record("\(path) was taken as a photograph")
                continue
            }
            #expect(!"\(problem)".isEmpty)
        }
    }
}
