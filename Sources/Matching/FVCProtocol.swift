import Foundation

/// The FVC protocol over templates named FINGER_IMPRESSION (FVC's file naming): every
/// same-finger pair is a genuine comparison, every cross-finger pair an impostor one, each
/// pair once. Shared by `enrollctl eval match` and `enroll-match-eval`, so both report the
/// same figures for the same templates.
public struct FVCProtocol: Sendable {
    public struct Pair: Sendable {
        public let a: String
        public let b: String
        public let score: Double
    }

    public private(set) var genuine: [Double] = []
    public private(set) var impostor: [Double] = []
    /// Every pair with its score, in comparison order.
    public private(set) var pairs: [Pair] = []

    public init(names: [String], templates: [MatchTemplate]) {
        precondition(names.count == templates.count, "one name per template")
        let matcher = Matcher()
        let fingers = names.map { $0.split(separator: "_").first.map(String.init) ?? $0 }
        for i in templates.indices {
            for j in templates.indices where j > i {
                let score = matcher.score(templates[i], templates[j])
                if fingers[i] == fingers[j] { genuine.append(score) } else { impostor.append(score) }
                pairs.append(Pair(a: names[i], b: names[j], score: score))
            }
        }
    }

    public var rates: ErrorRates { ErrorRates(genuine: genuine, impostor: impostor) }
}

/// A large gallery for speed measurements, made from a few real templates: copy k of a
/// template is turned by up to ±0.3 rad and moved by up to ±30 px, in a fixed pattern,
/// so the copies are distinct entries and every run measures the same gallery.
public enum ReplicatedGallery {
    public static func make(from templates: [FingerprintTemplate], entries: Int) -> GalleryIndex {
        var index = GalleryIndex()
        guard !templates.isEmpty else { return index }
        for copy in 0..<entries {
            let source = templates[copy % templates.count]
            let round = copy / templates.count
            let turn = Float(round % 13 - 6) * 0.05, shift = Float(round % 21 - 10) * 3
            let moved = source.minutiae.map { m in
                Minutia(x: m.x * cos(turn) - m.y * sin(turn) + shift, y: m.x * sin(turn) + m.y * cos(turn),
                        angle: m.angle - turn, kind: m.kind, quality: m.quality)
            }
            index.add(id: "g\(copy)", template: FingerprintTemplate(width: source.width, height: source.height, minutiae: moved))
        }
        return index
    }
}
