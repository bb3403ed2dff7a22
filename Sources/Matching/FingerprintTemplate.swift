/// The minutiae of one finger impression, at 500 ppi, with the image size they came from.
public struct FingerprintTemplate: Sendable, Equatable {
    /// The resolution every template is normalised to: the matcher's distances are in
    /// pixels at this resolution.
    public static let standardPPI: Float = 500

    /// Image width and height at 500 ppi.
    public var width: Int
    public var height: Int
    public var minutiae: [Minutia]

    public init(width: Int, height: Int, minutiae: [Minutia]) {
        self.width = width
        self.height = height
        self.minutiae = minutiae
    }

    /// Scales coordinates taken at `ppi` to 500 ppi (FVC2002 DB2 is 569 ppi; a reader may
    /// be 508 or 1000).
    public init(width: Int, height: Int, ppi: Float, minutiae: [Minutia]) {
        let scale = Self.standardPPI / ppi
        self.init(
            width: Int((Float(width) * scale).rounded()), height: Int((Float(height) * scale).rounded()),
            minutiae: minutiae.map { Minutia(x: $0.x * scale, y: $0.y * scale, angle: $0.angle, kind: $0.kind, quality: $0.quality) })
    }
}
