/// What VIDIOC_QUERYCAP says about a node.
public struct DeviceCapabilities: Sendable, Equatable, Codable {
    /// The kernel driver (`uvcvideo`, `vivid`).
    public var driver: String
    /// The device's name (`HD Pro Webcam C920`).
    public var card: String
    /// Where it is attached (`usb-0000:00:14.0-2`).
    public var busInfo: String
    /// The node's own capability bits (`device_caps`), V4L2_CAP_*.
    public var capabilities: UInt32

    /// A video capture node that can stream (not a metadata, output or radio node).
    public var isStreamingCapture: Bool {
        capabilities & 0x0000_0001 != 0 && capabilities & 0x0400_0000 != 0
    }
}

/// One entry of VIDIOC_ENUM_FMT.
public struct FormatDescription: Sendable, Equatable, Codable {
    /// The format's FourCC.
    public var pixelFormat: PixelFormat
    /// The driver's text, e.g. `YUYV 4:2:2`.
    public var description: String
    /// Whether the format is compressed (MJPEG).
    public var compressed: Bool
}

/// A width and height in pixels.
public struct FrameSize: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Pixels across.
    public var width: Int
    /// Pixels down.
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Pixels in a frame.
    public var area: Int { width * height }
    public var description: String { "\(width)x\(height)" }
}

/// A frame interval (seconds per frame) as V4L2 gives it: a fraction.
public struct FrameInterval: Sendable, Hashable, Codable {
    /// Seconds per frame, numerator.
    public var numerator: UInt32
    /// Seconds per frame, denominator.
    public var denominator: UInt32

    public init(numerator: UInt32, denominator: UInt32) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Frames per second.
    public var framesPerSecond: Double { numerator == 0 ? 0 : Double(denominator) / Double(numerator) }
}

/// The format the driver agreed to (VIDIOC_G_FMT / S_FMT).
public struct CaptureFormat: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Width and height the driver agreed to.
    public var size: FrameSize
    /// The format's FourCC.
    public var pixelFormat: PixelFormat
    /// Bytes per row of an uncompressed frame.
    public var bytesPerLine: Int
    /// The largest frame the driver will deliver.
    public var sizeImage: Int

    public init(size: FrameSize, pixelFormat: PixelFormat, bytesPerLine: Int, sizeImage: Int) {
        self.size = size
        self.pixelFormat = pixelFormat
        self.bytesPerLine = bytesPerLine
        self.sizeImage = sizeImage
    }

    public var description: String { "\(size) \(pixelFormat)" }
}

/// A control as VIDIOC_QUERYCTRL describes it.
public struct ControlInfo: Sendable, Equatable {
    /// The control id (V4L2_CID_*).
    public var id: UInt32
    /// The driver's name for it (`Exposure, Auto`).
    public var name: String
    /// Smallest value.
    public var minimum: Int32
    /// Largest value.
    public var maximum: Int32
    /// The driver's default.
    public var defaultValue: Int32
    /// Disabled or read-only controls cannot be set.
    public var isSettable: Bool
}
