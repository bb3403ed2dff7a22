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

    /// Share of the foreground whose profile across the ridges repeats regularly: every
    /// FVC2002 print, even the worst, has more than 0.1; faces, animals, objects,
    /// landscapes and gradients have about 0.
    static let minimumPeriodicShare = 0.06
    /// Foreground under ≈ 0.3 × 0.3 inch: the finger barely touched or only its tip.
    static let minimumForegroundBlocks = 90

    static func codes(_ m: FingerMeasures) -> [String] {
        // Edges and texture in a photograph are oriented and clear too; what they lack is
        // the regular alternation of ridge and valley. A handful of periodic blocks is not
        // a print either (a striped sleeve).
        if m.periodicShare < minimumPeriodicShare || Double(m.foregroundBlocks) * m.periodicShare < 10 {
            return [noFingerprint]
        }
        // Adult ridges are 8–12 px apart at 500 ppi (FVC2002's medians: 7.4–11.6); a
        // periodic texture far outside that is something else.
        if m.ridgePeriod < 5.5 || m.ridgePeriod > 13.5 { return [noFingerprint] }
        // Long ridges without endings or forks are a printed pattern, not skin (FVC2002's
        // prints show 55 or more here). A small contact is judged on its size instead.
        if m.ridgeLength >= 3, m.minutiaeDensity < 0.5 { return [noFingerprint] }
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
