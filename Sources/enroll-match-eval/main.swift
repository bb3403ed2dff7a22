import Foundation
import Matching

// enroll-match-eval DIR [--ppi N] [--scores FILE.csv]
// Reads ISO/IEC 19794-2:2005 templates named FINGER_IMPRESSION.ist (the FVC naming), runs
// the FVC protocol (every same-finger pair genuine, every cross-finger pair impostor) and
// prints EER, FMR100, FMR1000, ZeroFMR and the 1:1 speed.
let arguments = CommandLine.arguments.dropFirst()
guard let folder = arguments.first else {
    FileHandle.standardError.write(Data("usage: enroll-match-eval DIR [--scores FILE.csv]\n".utf8))
    exit(2)
}
let scoresPath = arguments.firstIndex(of: "--scores").map { arguments[arguments.index(after: $0)] }

let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".ist") }.sorted()
var names: [String] = []
var templates: [MatchTemplate] = []
let prepareStart = ContinuousClock.now
for file in files {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file)))
    do {
        templates.append(MatchTemplate(try ISO19794Template.decode(bytes)))
        names.append(String(file.dropLast(4)))
    } catch {
        FileHandle.standardError.write(Data("\(file): \(error)\n".utf8))
    }
}
let prepare = ContinuousClock.now - prepareStart
let matcher = Matcher()
var genuine: [Double] = [], impostor: [Double] = []
var rows: [String] = []
let compareStart = ContinuousClock.now
for i in templates.indices {
    for j in templates.indices where j > i {
        let score = matcher.score(templates[i], templates[j])
        let same = names[i].split(separator: "_").first == names[j].split(separator: "_").first
        if same { genuine.append(score) } else { impostor.append(score) }
        if scoresPath != nil { rows.append("\(names[i]),\(names[j]),\(score)") }
    }
}
let compare = ContinuousClock.now - compareStart
let rates = ErrorRates(genuine: genuine, impostor: impostor)
let comparisons = genuine.count + impostor.count
func percent(_ value: Double) -> String { String(format: "%.2f %%", value * 100) }
print("templates        \(templates.count) (\(genuine.count) genuine, \(impostor.count) impostor pairs)")
print("EER              \(percent(rates.equalErrorRate))")
print("FMR100           \(percent(rates.fnmr(atFMR: 0.01)))")
print("FMR1000          \(percent(rates.fnmr(atFMR: 0.001)))")
print("ZeroFMR          \(percent(rates.fnmr(atFMR: 0)))")
print("prepare          \(String(format: "%.2f", Double(prepare.components.attoseconds) / 1e15 / Double(max(templates.count, 1)) + Double(prepare.components.seconds) * 1000 / Double(max(templates.count, 1)))) ms per template")
let seconds = Double(compare.components.seconds) + Double(compare.components.attoseconds) / 1e18
print("1:1 comparisons  \(Int(Double(comparisons) / max(seconds, 1e-9))) per second (one core)")
if let scoresPath {
    try (["a,b,score"] + rows).joined(separator: "\n").appending("\n").write(toFile: scoresPath, atomically: true, encoding: .utf8)
}

// 1:N: how often the first stage keeps a mate, and the speed against a large gallery.
if let sizeIndex = arguments.firstIndex(of: "--gallery"), let size = Int(arguments[arguments.index(after: sizeIndex)]) {
    let raw = try files.map { try ISO19794Template.decode([UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0)))) }
    // Mate retention on the real set: every template searches the other 79; where does its
    // best-ranked mate (another impression of the same finger) land in the first stage?
    // Ties are counted against the matcher: a mate's rank is the number of other fingers'
    // entries scoring at least as high as the best mate.
    let compact = templates.map { CompactCylinders($0) }
    var ranks: [Int] = []
    for (index, name) in names.enumerated() {
        let finger = name.split(separator: "_")[0] + "_"
        let others = compact.indices.filter { $0 != index }
        let best = others.filter { names[$0].hasPrefix(finger) }.map { compact[index].overlap(compact[$0]) }.max() ?? 0
        ranks.append(others.filter { !names[$0].hasPrefix(finger) && compact[index].overlap(compact[$0]) >= best }.count)
    }
    for share in [0.01, 0.05, 0.1, 0.2] {
        let keep = max(1, Int((Double(names.count - 1) * share).rounded()))
        let kept = ranks.filter { $0 < keep }.count
        print("first stage keeps a mate in the top \(Int(share * 100)) % (\(keep) of \(names.count - 1)): \(String(format: "%.1f %%", Double(kept) / Double(ranks.count) * 100))")
    }
    // Speed: the set replicated, each copy moved and turned, to `size` entries.
    var generator = SystemRandomNumberGenerator()
    var large = GalleryIndex()
    for copy in 0..<size {
        let source = raw[copy % raw.count]
        let turn = Float.random(in: -0.3...0.3, using: &generator), shiftX = Float.random(in: -30...30, using: &generator)
        let moved = source.minutiae.map { m in
            Minutia(x: m.x * cos(turn) - m.y * sin(turn) + shiftX, y: m.x * sin(turn) + m.y * cos(turn), angle: m.angle - turn, kind: m.kind, quality: m.quality)
        }
        large.add(id: "g\(copy)", template: FingerprintTemplate(width: source.width, height: source.height, minutiae: moved))
    }
    let probe = raw[1]
    let signature = CompactCylinders(MatchTemplate(probe))
    let scanStart = ContinuousClock.now
    var scans = 0
    while ContinuousClock.now - scanStart < .seconds(2) {
        _ = large.firstStage(signature, keep: 32)
        scans += 1
    }
    let scanSeconds = Double((ContinuousClock.now - scanStart).components.seconds) + Double((ContinuousClock.now - scanStart).components.attoseconds) / 1e18
    print("first stage      \(Int(Double(scans * large.count) / scanSeconds)) comparisons per second (one core), gallery \(large.count)")
    let searchStart = ContinuousClock.now
    let found = large.search(probe, shortlist: 32)
    let search = ContinuousClock.now - searchStart
    print("one probe        \(search) against \(large.count) (first stage + 32 re-scored); best \(String(format: "%.1f", found.first?.score ?? 0))")
    let bytes = (0..<large.count).map { large.bytes(ofEntry: $0) }
    print("index memory     \(bytes.reduce(0, +) / large.count) bytes per template on average, \(bytes.max() ?? 0) at most")
}

