/// What `POST /v1/cameras/test` answers and `enrollctl camera test` prints: one camera
/// streamed for a few seconds, as a technician checks it after installing or replacing it.
public struct CameraTestReport: Codable, Sendable, Equatable {
    /// The camera's stable id.
    public var id: String
    /// The name the driver reports.
    public var name: String
    /// The kernel driver, or `virtual`.
    public var driver: String
    /// The device node, or `virtual`.
    public var node: String
    /// The format chosen for face capture, e.g. `1280x720 MJPG at 30.0 fps`.
    public var format: String
    /// Frames received and the rate achieved over `seconds`.
    public var frames: Int
    /// How long the stream ran.
    public var seconds: Double
    /// Frames received per second over `seconds`.
    public var framesPerSecond: Double
    /// Frames lost (gaps in the driver's sequence numbers, or too slow a consumer).
    public var droppedFrames: Int
    /// Frames the driver delivered damaged, plus frames that failed to decode.
    public var badFrames: Int
    /// A still from the end of the run, JPEG, base64; only when asked for.
    public var stillJPEGBase64: String?
    /// Why the test failed, if it did; the other fields then say how far it got.
    public var error: String?

    public init(id: String, name: String, driver: String, node: String, format: String, frames: Int, seconds: Double,
                framesPerSecond: Double, droppedFrames: Int, badFrames: Int, stillJPEGBase64: String? = nil, error: String? = nil) {
        self.id = id
        self.name = name
        self.driver = driver
        self.node = node
        self.format = format
        self.frames = frames
        self.seconds = seconds
        self.framesPerSecond = framesPerSecond
        self.droppedFrames = droppedFrames
        self.badFrames = badFrames
        self.stillJPEGBase64 = stillJPEGBase64
        self.error = error
    }
}

/// Which camera to test and how.
public struct CameraTestRequest: Codable, Sendable, Equatable {
    /// A camera id from `GET /v1/devices`; nil means the first camera.
    public var camera: String?
    /// How long to stream, 1 to 10 seconds.
    public var seconds: Double
    /// Whether to send back a still.
    public var still: Bool

    public init(camera: String? = nil, seconds: Double = 2, still: Bool = false) {
        self.camera = camera
        self.seconds = seconds
        self.still = still
    }
}
