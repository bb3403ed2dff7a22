import ArgumentParser
import ControlClient
import EnrollCore
import Foundation

/// `enrollctl gallery ...`: the kiosk's duplicate-check gallery.
struct GalleryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gallery",
        abstract: "Manage the gallery the duplicate check searches.",
        subcommands: [GalleryImportCommand.self]
    )
}

/// `enrollctl gallery import FILE`: hands a signed bundle from the central server to the
/// daemon, which verifies it before storing anything (docs/gallery-bundle.md).
struct GalleryImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a signed gallery bundle from the central server."
    )

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "The bundle file.")
    var file: String

    @Flag(name: .long, help: "Print the daemon's JSON answer as it is.")
    var json = false

    /// The daemon refuses more; reading a bigger file would only waste memory.
    static let maximumBytes = 64 << 20

    func run() throws {
        guard let handle = FileHandle(forReadingAtPath: file) else { throw CommandFailure("Cannot open \(file).") }
        defer { try? handle.close() }
        let bytes = try handle.read(upToCount: Self.maximumBytes + 1) ?? Data()
        guard bytes.count <= Self.maximumBytes else { throw CommandFailure("\(file) is larger than \(Self.maximumBytes) bytes; not a gallery bundle.") }
        let body = try connection.post("/v1/gallery/import", body: Array(bytes), timeoutSeconds: 600)
        if json {
            FileHandle.standardOutput.write(Data(body) + Data([10]))
            return
        }
        guard let report = try? JSONDecoder().decode(GalleryImportReport.self, from: Data(body)) else {
            throw CommandFailure("enrolld's answer could not be read; try --json.")
        }
        print("bundle:   \(report.sequence)")
        print("imported: \(report.entries) templates of \(report.records) records")
        print("removed:  \(report.removed) records (deleted by the central office)")
        print("gallery:  \(report.galleryEntries) entries")
    }
}
