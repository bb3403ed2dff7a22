#if canImport(Glibc)
import Glibc
#endif
import Logging

/// A V4L2 capture device (a UVC webcam, or vivid in the tests). Opens the node, refuses
/// anything that is not a streaming capture node (UVC cameras also register a metadata
/// node), negotiates the format for face capture, and streams from a dedicated thread.
public actor V4L2Camera: Camera {
    public nonisolated let id: String
    /// The node this camera was opened on.
    public nonisolated let path: String
    private let device: V4L2Device
    private let capabilities: DeviceCapabilities
    private var negotiated: NegotiatedFormat?
    private var capture: CaptureThread?
    private let logger: Logger

    /// Opens a node by path (`/dev/video0`) or by stable id (the udev `ID_PATH` or
    /// `ID_SERIAL` link name under /dev/v4l), and checks that it is a capture device.
    public init(node: String, system: any SystemCalls = LinuxSystemCalls(), logger: Logger = Logger(label: "enrolld.camera")) throws(V4L2Error) {
        let path = V4L2Camera.resolve(node)
        let device = try V4L2Device(path: path, system: system)
        let capabilities = try device.capabilities()
        guard capabilities.isStreamingCapture else {
            throw V4L2Error.notCapture(path, "\(capabilities.card) (\(capabilities.driver)) is not a streaming video capture node")
        }
        self.id = node
        self.path = path
        self.device = device
        self.capabilities = capabilities
        self.logger = logger
    }

    /// The device node for `node`: a path is kept; a stable id is looked up in
    /// /dev/v4l/by-id and /dev/v4l/by-path, where udev keeps links that survive re-plugging.
    public static func resolve(_ node: String) -> String {
        if node.hasPrefix("/") { return node }
        for folder in ["/dev/v4l/by-id/", "/dev/v4l/by-path/"] {
            for name in [node, node + "-video-index0", "usb-" + node + "-video-index0"] where access(folder + name, F_OK) == 0 {
                return folder + name
            }
        }
        return "/dev/v4l/by-id/" + node
    }

    /// What VIDIOC_QUERYCAP said.
    public var deviceCapabilities: DeviceCapabilities { capabilities }

    /// Every capture format with its frame sizes.
    public func offers() throws(V4L2Error) -> [(FormatDescription, [FrameSize])] {
        try ensureIdle("list formats")
        var result: [(FormatDescription, [FrameSize])] = []
        for format in try device.formats() { result.append((format, try device.frameSizes(format.pixelFormat))) }
        return result
    }

    public func details() async -> CameraDetails {
        let formats = ((try? offers()) ?? []).map { format, sizes in
            "\(format.pixelFormat) (\(format.description)): " + sizes.map(\.description).joined(separator: " ")
        }
        return CameraDetails(id: id, name: capabilities.card, driver: capabilities.driver, node: path, formats: formats)
    }

    public func configure(_ policy: FormatPolicy) async throws -> NegotiatedFormat {
        try configureNow(policy)
    }

    /// `configure` with typed errors.
    public func configureNow(_ policy: FormatPolicy) throws(V4L2Error) -> NegotiatedFormat {
        try ensureIdle("configure")
        var offered: [PixelFormat: [FrameSize]] = [:]
        for (format, sizes) in try offers() { offered[format.pixelFormat] = sizes }
        guard let (pixelFormat, size) = policy.choose(from: offered) else {
            let listed = offered.map { "\($0.key) \($0.value.map(\.description).joined(separator: ","))" }.sorted().joined(separator: "; ")
            throw V4L2Error.noFormat("nothing at \(policy.minimum) or larger in MJPEG, YUYV or GREY (offered: \(listed))")
        }
        return try set(size, pixelFormat, framesPerSecond: policy.framesPerSecond)
    }

    /// Sets an exact format and rate (the self-test's resolution change).
    public func set(_ size: FrameSize, _ pixelFormat: PixelFormat, framesPerSecond: Int) throws(V4L2Error) -> NegotiatedFormat {
        try ensureIdle("set format")
        let format = try device.setFormat(size, pixelFormat)
        var rate: Double?
        do {
            let intervals = try device.frameIntervals(format.pixelFormat, format.size)
            let wanted = FormatPolicy(framesPerSecond: framesPerSecond).chooseInterval(from: intervals)
            rate = try device.setFrameInterval(wanted).framesPerSecond
        } catch where error.errno == ENOTTY || error.errno == EINVAL {
            rate = nil  // a driver without frame-rate control streams at its own rate
        }
        enableAutomaticControls()
        let result = NegotiatedFormat(format: format, framesPerSecond: rate)
        negotiated = result
        logger.debug("camera format set", metadata: ["device.id": "\(id)", "camera.format": "\(result)"])
        return result
    }

    public func frames(bufferCount: Int = 4, frameTimeout: Duration = .seconds(3)) async throws -> FrameStream {
        try startStreaming(bufferCount: bufferCount, frameTimeout: frameTimeout)
    }

    /// `frames` with typed errors.
    public func startStreaming(bufferCount: Int = 4, frameTimeout: Duration = .seconds(3)) throws(V4L2Error) -> FrameStream {
        try ensureIdle("start streaming")
        let format: CaptureFormat
        if let negotiated { format = negotiated.format } else { format = try device.format() }
        let thread = try CaptureThread(session: CaptureSession(device: device, format: format, bufferCount: bufferCount), frameTimeout: frameTimeout)
        capture = thread
        return thread.start()
    }

    public func stop() async {
        guard let capture else { return }
        capture.requestStop()
        await capture.join()
        self.capture = nil
    }

    /// Auto exposure (aperture priority, what UVC cameras offer) and auto white balance,
    /// where the camera has them: faces under changing kiosk light. Failures are not fatal.
    private func enableAutomaticControls() {
        let exposureAuto: UInt32 = 0x009a_0901  // V4L2_CID_EXPOSURE_AUTO
        let whiteBalanceAuto: UInt32 = 0x0098_090c  // V4L2_CID_AUTO_WHITE_BALANCE
        if let info = try? device.queryControl(exposureAuto), info.isSettable {
            // V4L2_EXPOSURE_APERTURE_PRIORITY (3), else V4L2_EXPOSURE_AUTO (0).
            if (try? device.setControl(exposureAuto, 3)) == nil { try? device.setControl(exposureAuto, 0) }
        }
        if let info = try? device.queryControl(whiteBalanceAuto), info.isSettable {
            try? device.setControl(whiteBalanceAuto, 1)
        }
    }

    private func ensureIdle(_ operation: String) throws(V4L2Error) {
        // A stream that ended on its own (time-out, unplug) has released everything already.
        if let capture, capture.isFinished { self.capture = nil }
        if capture != nil { throw V4L2Error.busy(operation) }
    }
}
