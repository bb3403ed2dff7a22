/// What `POST /v1/readers/test` answers: a technician's self-test of one reader. Carries
/// the captured image only when asked (`?image=png`), for `enrollctl reader test --save`.
public struct ReaderTestReport: Codable, Sendable, Equatable {
    /// `passed`, or `retry` when the reader asked for another scan (then `retryReason`).
    public var outcome: String
    public var deviceID: String
    public var driver: String
    public var name: String
    public var scanType: String
    public var width: Int
    public var height: Int
    public var pixelsPerInch: Double
    public var captureMilliseconds: Int
    public var minutiaeCount: Int
    public var retryReason: String?
    /// The capture as a base64 PNG, when asked for.
    public var pngBase64: String?

    public init(outcome: String, deviceID: String, driver: String, name: String, scanType: String, width: Int, height: Int,
                pixelsPerInch: Double, captureMilliseconds: Int, minutiaeCount: Int, retryReason: String? = nil, pngBase64: String? = nil) {
        self.outcome = outcome
        self.deviceID = deviceID
        self.driver = driver
        self.name = name
        self.scanType = scanType
        self.width = width
        self.height = height
        self.pixelsPerInch = pixelsPerInch
        self.captureMilliseconds = captureMilliseconds
        self.minutiaeCount = minutiaeCount
        self.retryReason = retryReason
        self.pngBase64 = pngBase64
    }
}
