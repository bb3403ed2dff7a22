import EnrollCore
import FaceAnalysis
import FingerprintQuality
import Foundation
import Imaging

/// Release-mode timing for the README: one thread, a fixed 400×400 synthetic print (the
/// demo's generator), so the figure does not depend on fixtures being present.
enum Bench {
    static func run(seconds: Double) throws {
        var generator = SyntheticFingerprint()
        generator.width = 400
        generator.height = 400
        let print400 = generator.image(finger: 1, impression: 1)
        let linear = FingerprintQuality()
        let loadStart = Date()
        let forest = try? QualityForest(contentsOf: URL(fileURLWithPath: "/usr/share/enrolld/nfiq2-forest.yaml"))
        if let forest {
            print(String(format: "NFIQ 2 forest loaded in %.0f ms (%d nodes)", Date().timeIntervalSince(loadStart) * 1000, forest.nodeCount))
        } else {
            print("NFIQ 2 forest not installed: only the linear model is timed")
        }
        let withForest = forest.map { FingerprintQuality(forest: $0) }
        let fvc = try? ImageFile.read(path: "../shared/fixtures/fvc2002/FVC2002_DB1_B/101_1.tif")
        for (label, quality) in [("linear", Optional(linear)), ("forest", withForest)] {
            guard let quality else { continue }
            report("finger 400x400 @500ppi \(label)", seconds) { _ = quality.assess(print400) }
            // A real print too when the fixtures are there: FVC2002 DB1_B is 388×374 at 500 ppi.
            if let fvc { report("finger FVC 101_1 \(label)", seconds) { _ = quality.assess(fvc) } }
        }
        try face(seconds: seconds)
    }

    /// A 640×480 live frame: the astronaut's head and shoulders enlarged to fill it the way
    /// a kiosk camera sees a person (face ≈ 240 px wide), detection at 320 px wide.
    static func face(seconds: Double) throws {
        let path = "../shared/fixtures/faces/skimage/astronaut.png"
        guard FileManager.default.fileExists(atPath: path) else { print("face: skipped, \(path) missing"); return }
        guard FileManager.default.fileExists(atPath: LandmarkDetector.defaultModelPath) else { print("face: skipped, no landmark model (libdlib-data)"); return }
        let astronaut = try ImageFile.readRGB(path: path).luma
        var crop = [UInt8](repeating: 0, count: 256 * 192)
        for y in 0..<192 {
            for x in 0..<256 { crop[y * 256 + x] = astronaut.pixels[(y + 10) * astronaut.width + x + 90] }
        }
        let frame = GrayImage(width: 256, height: 192, pixels: crop).resized(width: 640, height: 480)
        let analyzer = FaceAnalyzer(detector: try LandmarkDetector())
        let first = try analyzer.analyze(frame)
        print("face frame: \(first.faces) face(s), eye distance \(String(format: "%.0f", first.landmarks?.eyeDistance ?? 0)) px, score \(first.score)")
        try report("face 640x480 (detect @320)", seconds) { _ = try analyzer.analyze(frame) }
    }

    static func report(_ name: String, _ seconds: Double, _ body: () throws -> Void) rethrows {
        var cpuTimes: [Double] = []
        let start = Date()
        let cpuStart = threadCPUSeconds()
        while Date().timeIntervalSince(start) < seconds {
            let before = threadCPUSeconds()
            try body()
            cpuTimes.append(threadCPUSeconds() - before)
        }
        let elapsed = Date().timeIntervalSince(start)
        let cpu = threadCPUSeconds() - cpuStart
        let count = cpuTimes.count
        cpuTimes.sort()
        // CPU time of this thread is what one free core would take; wall time also counts
        // the waits for a core on a busy machine, so both are shown. On a shared machine even
        // CPU time swings by a quarter between runs (caches, neighbours): the median run and
        // the fastest tenth say more than the mean.
        print(name.padding(toLength: 32, withPad: " ", startingAt: 0)
            + String(format: " %7.2f ms CPU (median %.2f, p10 %.2f, p90 %.2f), %7.2f ms wall each (%d runs, one thread)",
                     cpu / Double(count) * 1000, cpuTimes[count / 2] * 1000, cpuTimes[count / 10] * 1000, cpuTimes[count * 9 / 10] * 1000,
                     elapsed / Double(count) * 1000, count))
    }

    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
