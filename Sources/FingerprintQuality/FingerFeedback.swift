/// Feedback codes a UI translates, and the rules that raise them. Thresholds are on the
/// 500 ppi measures; the comments say what a person sees when a rule fires.
public enum FingerFeedback {
    public static let noFingerprint = "no_fingerprint"
    public static let tooSmall = "too_small"
    public static let offCentre = "off_centre"
    public static let tooLight = "too_light"
    public static let tooDark = "too_dark"
    public static let lowContrast = "low_contrast"
    public static let smudged = "smudged"

    /// Ridge blocks a print must show at least (≈ 0.13 × 0.13 inch of ridges); a face, a
    /// landscape, a gradient or an empty platen falls short.
    static let minimumRidgeBlocks = 16
    /// Foreground under ≈ 0.3 × 0.3 inch: the finger barely touched or only its tip.
    static let minimumForegroundBlocks = 90

    static func codes(_ m: FingerMeasures) -> [String] {
        // Ridge blocks must also be a real part of what was captured: a textured photograph
        // has a few ridge-like blocks scattered among many that are not.
        if m.ridgeBlocks < minimumRidgeBlocks || Double(m.ridgeBlocks) < 0.25 * Double(m.foregroundBlocks) {
            return [noFingerprint]
        }
        var codes: [String] = []
        if m.foregroundBlocks < minimumForegroundBlocks { codes.append(tooSmall) }
        if m.centreOffset > 0.35 { codes.append(offCentre) }
        // Pressed too lightly (or a dry finger): faint ridges on a bright background.
        if m.foregroundMean > 200 && m.contrast < 22 { codes.append(tooLight) }
        // Pressed too hard or a wet finger: the valleys fill in.
        if m.foregroundMean < 70 { codes.append(tooDark) }
        if m.contrast < 14 { codes.append(lowContrast) }
        if m.smudgedShare > 0.35 { codes.append(smudged) }
        return codes
    }
}
