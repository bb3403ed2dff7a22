import ArgumentParser
import EnrollCore
import Foundation
import Imaging
import Matching

/// `enrollctl eval ...`: offline evaluations; they need no running daemon.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate the on-device matcher on a folder of images (offline).",
        subcommands: [EvalMatchCommand.self]
    )
}

/// `enrollctl eval match DIR`: the FVC protocol on images named FINGER_IMPRESSION.ext.
struct EvalMatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Extract minutiae with libfprint, then report EER, FMR100, FMR1000, ZeroFMR and speeds.",
        discussion: """
            Every pair of impressions of one finger is a genuine pair, every pair of different
            fingers an impostor pair. Minutiae come from libfprint's own NBIS detector, as a
            reader's prints do. Images: TIFF (uncompressed) or PNG, 8-bit gray.
            """
    )

    @Argument(help: "A folder of images named FINGER_IMPRESSION.tif|png (the FVC naming).")
    var folder: String

    @Option(name: .long, help: "The images' resolution (FVC2002 DB2 is 569).")
    var ppi: Double = 500

    @Flag(name: .long, help: "Print the figures as JSON.")
    var json = false

    @Option(name: .long, help: "Write every compared pair as a,b,score to this CSV file.")
    var scores: String?

    @Option(name: .long, help: "Replicate the templates to a gallery of this many entries for the 1:N figure (0: skip).")
    var gallery = 100_000

    @Option(name: .long, help: "Also write each template as an ISO/IEC 19794-2 record (NAME.ist) into this folder.")
    var export: String?

    func validate() throws {
        guard (100...2000).contains(ppi) else { throw ValidationError("--ppi must be 100–2000") }
        guard (0...1_000_000).contains(gallery) else { throw ValidationError("--gallery must be 0–1,000,000") }
    }

    func run() throws {
        let evaluation = try MatchEvaluation.run(folder: folder, ppi: Float(ppi), galleryEntries: gallery, export: export)
        if let scores {
            let rows = ["a,b,score"] + evaluation.pairs.map { "\($0.a),\($0.b),\($0.score)" }
            do { try (rows.joined(separator: "\n") + "\n").write(toFile: scores, atomically: true, encoding: .utf8) } catch {
                throw CommandFailure("Cannot write \(scores): \(error.localizedDescription)")
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(evaluation.report) + Data([10]))
        } else {
            print(evaluation.report.text, terminator: "")
        }
    }
}
