/// The limits the ICAO checks are judged against: the `quality:` section of the daemon's
/// configuration. Defaults follow ISO/IEC 19794-5 and ICAO 9303 where they give a number.
public struct FaceLimits: Sendable, Equatable {
    /// Least combined score (0–100) for an acceptable photograph.
    public var minimumScore = 50
    /// Least distance between the eye centres, pixels (ISO 19794-5 full frontal: 90).
    public var minimumEyeDistance = 90.0
    /// Largest head rotation, degrees (ISO 19794-5: ±5° yaw and pitch, ±8° roll).
    public var maximumYaw = 5.0
    public var maximumPitch = 5.0
    public var maximumRoll = 8.0
    /// Least eye aspect ratio for open eyes.
    public var minimumEyeOpening = 0.18
    /// Largest inner-lip gap over mouth width for a closed mouth.
    public var maximumMouthOpening = 0.12
    /// Mean face brightness must be within these (0–255).
    public var minimumBrightness = 70.0
    public var maximumBrightness = 200.0
    /// Least spread between the 5th and 95th brightness percentiles in the face (ISO asks
    /// for at least 7 bits of dynamic range in the face; 100 gray levels is our reading).
    public var minimumDynamicRange = 100.0
    /// Largest share of clipped (0 or 255) pixels in the face.
    public var maximumClipped = 0.05
    /// Least sharpness (mean Laplacian over contrast, face resized to a fixed eye distance).
    public var minimumSharpness = 0.14
    /// Least ratio of the darker to the brighter half of the face (even lighting).
    public var minimumIlluminationBalance = 0.75
    /// Largest standard deviation of the background beside the head (a plain background).
    public var maximumBackgroundDeviation = 20.0
    /// Largest offset of the face centre from the frame centre, as a share of the width.
    public var maximumCentreOffset = 0.1
    /// The eyes' height in the frame (0 top, 1 bottom) must lie between these. Outside,
    /// the camera is at the wrong height for the person (a seated person, a child, someone
    /// very tall): they cannot fix that by holding their head differently, staff can.
    public var minimumEyeHeight = 0.2
    public var maximumEyeHeight = 0.6
    /// Largest JPEG blockiness (gradient across 8×8 block edges over inside them).
    public var maximumBlockiness = 1.6
    /// Faces narrower than this share of the frame's shorter side are ignored as spurious
    /// detections (posters, patterns); a second real person in view is larger than that.
    public var minimumFaceShare = 0.08
    /// Detection runs on a copy this wide (0: full size), for live speed.
    public var detectionWidth = 320

    public init() {}
}
