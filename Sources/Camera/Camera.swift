/// A camera that can take a face photo: V4L2 hardware (`V4L2Camera`) or the demo's
/// generated one (`VirtualCamera`). One actor per camera; one stream at a time.
public protocol Camera: Actor {
    /// A stable id (udev `ID_PATH` or serial, or a virtual camera's name).
    nonisolated var id: String { get }
    /// Driver, name and node, for technicians.
    func details() async -> CameraDetails
    /// Chooses and sets the best format for face capture, and the frame rate.
    func configure(_ policy: FormatPolicy) async throws -> NegotiatedFormat
    /// Starts streaming with the configured format; frames until `stop()`, an unplug or a time-out.
    func frames(bufferCount: Int, frameTimeout: Duration) async throws -> FrameStream
    /// Stops streaming and waits until the buffers are released.
    func stop() async
}

/// What a technician sees about a camera.
public struct CameraDetails: Sendable, Equatable, Codable {
    /// The camera's stable id.
    public var id: String
    /// The name the driver reports (`HD Pro Webcam C920`).
    public var name: String
    /// The kernel driver (`uvcvideo`), or `virtual`.
    public var driver: String
    /// The device node, or `virtual`.
    public var node: String
    /// Every format with its sizes, as the camera offers them.
    public var formats: [String]

    public init(id: String, name: String, driver: String, node: String, formats: [String]) {
        self.id = id
        self.name = name
        self.driver = driver
        self.node = node
        self.formats = formats
    }
}

/// The format and rate a camera agreed to.
public struct NegotiatedFormat: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Size, pixel format and buffer geometry as the driver set them.
    public var format: CaptureFormat
    /// Frames per second the driver agreed to, when it says.
    public var framesPerSecond: Double?

    public init(format: CaptureFormat, framesPerSecond: Double?) {
        self.format = format
        self.framesPerSecond = framesPerSecond
    }

    public var description: String {
        framesPerSecond.map { "\(format) at \((($0 * 10).rounded() / 10)) fps" } ?? format.description
    }
}
