import EnrollCore
import FingerprintQuality
import Foundation
import Imaging

/// `enroll-quality-eval measure FILE…`: every fingerprint measure of each file as CSV (one
/// header line, then `file,<measures…>` in `FingerMeasures.named`'s sorted key order), for
/// fitting experiments outside the daemon (the shipped refit is `--fit`). A file that cannot be
/// read gets a line with its error on stderr and is left out.
enum Measure {
    static func run(_ files: [String]) {
        let quality = FingerprintQuality()
        let names = FingerMeasures().named.keys.sorted()
        print("file," + names.joined(separator: ","))
        for file in files {
            do {
                let measures = quality.measures(try ImageFile.read(path: file)).named
                print(file + "," + names.map { String(measures[$0] ?? 0) }.joined(separator: ","))
            } catch {
                FileHandle.standardError.write(Data("\(file): \(error)\n".utf8))
            }
        }
    }
}
