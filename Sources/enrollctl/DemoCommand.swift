import ArgumentParser
import ControlClient
import Foundation
import Imaging

/// `enrollctl demo …`: drives `make demo`'s virtual reader.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Drive the demo's virtual fingerprint reader.",
        subcommands: [DemoPresentCommand.self]
    )
}

/// `enrollctl demo present IMAGE | --synthetic FINGER[:IMPRESSION]`.
struct DemoPresentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "present",
        abstract: "Put a finger on the demo reader: a PNG or TIFF image, or a synthetic finger.",
        discussion: "The reader must be waiting for a finger (an enrollment or `enrollctl reader test` running). Returns once the reader has taken the image."
    )

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "A grayscale fingerprint image (PNG or TIFF), dark ridges on white.")
    var image: String?

    @Option(name: .long, help: "A synthetic finger instead of a file: FINGER or FINGER:IMPRESSION (numbers).")
    var synthetic: String?

    func run() throws {
        let bytes: [UInt8]
        if let synthetic {
            let parts = synthetic.split(separator: ":").map { UInt64($0) }
            guard (1...2).contains(parts.count), let finger = parts[0], let impression = parts.count == 2 ? parts[1] : 0 else {
                throw CommandFailure("--synthetic takes FINGER or FINGER:IMPRESSION, e.g. 3:1")
            }
            bytes = PNG.encode(SyntheticFingerprint().image(finger: finger, impression: impression))
        } else if let image {
            guard let data = FileManager.default.contents(atPath: image) else { throw CommandFailure("cannot read \(image)") }
            bytes = Array(data)
        } else {
            throw CommandFailure("give an image file or --synthetic FINGER")
        }
        _ = try connection.post("/v1/demo/present", body: bytes, timeoutSeconds: 10)
        print("Presented.")
    }
}
