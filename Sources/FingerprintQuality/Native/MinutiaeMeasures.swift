/// NFIQ 2's four minutiae measures, computed from whatever minutiae the caller found (NFIQ 2
/// takes them from FingerJet FX, which is LGPL and not used here): how many; how many in a
/// 200×200 px square around their centre of mass; the share whose 32×32 surroundings are a
/// little darker than the image (ridge area, not platen or smudge); the share whose
/// surroundings have a clear orientation (certainty above 0.8).
enum MinutiaeMeasures {
    struct Point: Sendable, Equatable {
        var x: Int
        var y: Int
    }

    static let block = 32

    /// FingerJet FX's medians on FVC2002 DB1_B and DB2_B together (160 plain 500 ppi
    /// prints, measured with NIST's library from the nbis-py wheel, 2026-12-02).
    static let typical: [String: Double] = [
        "FingerJetFX_MinCount_COMMinRect200x200": 27, "FingerJetFX_MinutiaeCount": 47,
        "FJFXPos_Mu_MinutiaeQuality_2": 0.363, "FJFXPos_OCL_MinutiaeQuality_80": 0.40,
    ]
    static let centreSquare = 200

    static func measures(_ minutiae: [Point], image: GrayMatrix) -> [String: Double] {
        let names = NativeMeasureNames.minutiae
        guard !minutiae.isEmpty, image.width >= block, image.height >= block else {
            return Dictionary(uniqueKeysWithValues: names.map { ($0, 0) })
        }
        return [
            names[0]: Double(inCentreSquare(minutiae, width: image.width, height: image.height)),
            names[1]: Double(minutiae.count),
            names[2]: darkerShare(minutiae, image: image),
            names[3]: certainShare(minutiae, image: image),
        ]
    }

    static func inCentreSquare(_ minutiae: [Point], width: Int, height: Int) -> Int {
        let cx = minutiae.reduce(0) { $0 + $1.x } / minutiae.count, cy = minutiae.reduce(0) { $0 + $1.y } / minutiae.count
        let half = centreSquare / 2
        let xs = max(0, cx - half)...min(width - 1, cx + half), ys = max(0, cy - half)...min(height - 1, cy + half)
        return minutiae.filter { xs.contains($0.x) && ys.contains($0.y) }.count
    }

    /// The share of minutiae whose block mean lies between the image mean and half a
    /// deviation below it.
    static func darkerShare(_ minutiae: [Point], image: GrayMatrix) -> Double {
        let whole = image.meanAndDeviation()
        guard whole.deviation > 0 else { return 0 }
        let count = minutiae.filter { point in
            // The block starts half a block up and left, clipped at the image's edges.
            let left = max(0, point.x - block / 2), top = max(0, point.y - block / 2)
            let local = image.region(top: top, left: left, height: block, width: block).meanAndDeviation().mean
            let darkness = (whole.mean - local) / whole.deviation
            return darkness > 0 && darkness <= 0.5
        }.count
        return Double(count) / Double(minutiae.count)
    }

    /// The share of minutiae whose block (kept whole: shifted inside at the edges) has an
    /// orientation certainty above 0.8 (rounded to hundredths, as NFIQ 2 does).
    static func certainShare(_ minutiae: [Point], image: GrayMatrix) -> Double {
        let count = minutiae.filter { point in
            let left = min(max(0, point.x - block / 2), image.width - block), top = min(max(0, point.y - block / 2), image.height - block)
            let (a, b, c) = GradientCovariance.coefficients(image, top: top, left: left, height: block, width: block)
            let certainty = OrientationCertainty.certainty(a: a, b: b, c: c) ?? 0
            return Int(certainty * 100 + 0.5) > 80
        }.count
        return Double(count) / Double(minutiae.count)
    }
}
