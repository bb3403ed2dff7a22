// Placeholder until scripts/calibrate-matching runs.
extension ScoreCalibration {
    public static let fvc2002 = ScoreCalibration(binWidth: 0.5, counts: [])
}
