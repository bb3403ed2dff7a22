/// Why a scan must be repeated. A retry is a normal outcome the kiosk shows the person
/// ("swipe again"), not an error.
public enum RetryReason: String, Codable, Sendable {
    /// Poor quality in general.
    case general
    /// The swipe was too short.
    case tooShort = "too_short"
    /// The finger was not centred on the sensor.
    case centerFinger = "center_finger"
    /// Lift the finger, then place it again.
    case removeFinger = "remove_finger"
}
