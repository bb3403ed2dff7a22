#if canImport(Glibc)
import Glibc
#endif
import CV4L2

/// An open V4L2 node: one thin, typed function per ioctl, each retrying on EINTR and
/// throwing `V4L2Error` with the errno. Closes the descriptor when released.
///
/// `@unchecked Sendable`: the descriptor and the system-call table never change after
/// init, and the kernel serialises ioctls on one file. `V4L2Camera` makes sure only one
/// party (the actor while configuring, the capture thread while streaming) uses it at a time.
public final class V4L2Device: @unchecked Sendable {
    /// The node's path, for errors and logs.
    public let path: String
    /// The open descriptor.
    public let fd: Int32
    let system: any SystemCalls

    /// Opens `path` non-blocking (frames are waited for in poll, so DQBUF never blocks a thread
    /// that must also see a stop request).
    public init(path: String, system: any SystemCalls = LinuxSystemCalls()) throws(V4L2Error) {
        self.path = path
        self.system = system
        var fd: Int32
        repeat {
            fd = system.open(path, flags: O_RDWR | O_NONBLOCK | O_CLOEXEC)
        } while fd == -EINTR
        guard fd >= 0 else { throw V4L2Error.open(path, errno: -fd) }
        self.fd = fd
    }

    deinit { _ = system.close(fd) }

    /// One ioctl on `value`, retried while interrupted.
    func ioctl<T>(_ request: IoctlRequest, _ value: inout T) throws(V4L2Error) {
        while true {
            let result = withUnsafeMutableBytes(of: &value) { system.ioctl(fd, request, $0) }
            if result >= 0 { return }
            if result == -EINTR { continue }
            throw V4L2Error.ioctl(request.name, errno: -result)
        }
    }

    /// One ioctl that may legitimately answer EAGAIN (DQBUF on a non-blocking node): false then.
    func ioctlUnlessWouldBlock<T>(_ request: IoctlRequest, _ value: inout T) throws(V4L2Error) -> Bool {
        do {
            try ioctl(request, &value)
            return true
        } catch where error.errno == EAGAIN {
            return false
        }
    }

    // MARK: - Capabilities

    /// VIDIOC_QUERYCAP.
    public func capabilities() throws(V4L2Error) -> DeviceCapabilities {
        var cap = v4l2_capability()
        try ioctl(.querycap, &cap)
        // device_caps describes this node; capabilities the whole physical device.
        let nodeCaps = cap.capabilities & 0x8000_0000 != 0 ? cap.device_caps : cap.capabilities
        return DeviceCapabilities(
            driver: cString(cap.driver), card: cString(cap.card), busInfo: cString(cap.bus_info), capabilities: nodeCaps)
    }

    // MARK: - Formats

    /// VIDIOC_ENUM_FMT over every index, for video capture.
    public func formats() throws(V4L2Error) -> [FormatDescription] {
        var result: [FormatDescription] = []
        for index in 0..<UInt32(64) {  // a driver that never answers EINVAL must not loop forever
            var desc = v4l2_fmtdesc()
            desc.index = index
            desc.type = V4L2_BUF_TYPE_VIDEO_CAPTURE.rawValue
            do { try ioctl(.enumFormat, &desc) } catch where error.errno == EINVAL { break }
            result.append(FormatDescription(
                pixelFormat: PixelFormat(rawValue: desc.pixelformat), description: cString(desc.description),
                compressed: desc.flags & UInt32(V4L2_FMT_FLAG_COMPRESSED) != 0))
        }
        return result
    }

    /// VIDIOC_ENUM_FRAMESIZES for one format. Step-wise ranges are answered with the common
    /// camera sizes inside the range, plus its largest size.
    public func frameSizes(_ format: PixelFormat) throws(V4L2Error) -> [FrameSize] {
        var sizes: [FrameSize] = []
        for index in 0..<UInt32(256) {
            var entry = v4l2_frmsizeenum()
            entry.index = index
            entry.pixel_format = format.rawValue
            do { try ioctl(.enumFrameSizes, &entry) } catch where error.errno == EINVAL { break }
            if entry.type == V4L2_FRMSIZE_TYPE_DISCRETE.rawValue {
                sizes.append(FrameSize(width: Int(entry.discrete.width), height: Int(entry.discrete.height)))
            } else {
                let range = entry.stepwise
                let common = [(320, 240), (640, 480), (800, 600), (1280, 720), (1920, 1080)]
                for (width, height) in common
                where UInt32(width) >= range.min_width && UInt32(width) <= range.max_width
                    && UInt32(height) >= range.min_height && UInt32(height) <= range.max_height {
                    sizes.append(FrameSize(width: width, height: height))
                }
                sizes.append(FrameSize(width: Int(range.max_width), height: Int(range.max_height)))
                break
            }
        }
        return sizes
    }

    /// VIDIOC_ENUM_FRAMEINTERVALS for one format and size (discrete intervals; for a
    /// continuous range, its two ends).
    public func frameIntervals(_ format: PixelFormat, _ size: FrameSize) throws(V4L2Error) -> [FrameInterval] {
        var intervals: [FrameInterval] = []
        for index in 0..<UInt32(64) {
            var entry = v4l2_frmivalenum()
            entry.index = index
            entry.pixel_format = format.rawValue
            entry.width = UInt32(size.width)
            entry.height = UInt32(size.height)
            do { try ioctl(.enumFrameIntervals, &entry) } catch where error.errno == EINVAL { break }
            if entry.type == V4L2_FRMIVAL_TYPE_DISCRETE.rawValue {
                intervals.append(FrameInterval(numerator: entry.discrete.numerator, denominator: entry.discrete.denominator))
            } else {
                intervals.append(FrameInterval(numerator: entry.stepwise.min.numerator, denominator: entry.stepwise.min.denominator))
                intervals.append(FrameInterval(numerator: entry.stepwise.max.numerator, denominator: entry.stepwise.max.denominator))
                break
            }
        }
        return intervals
    }

    /// VIDIOC_G_FMT.
    public func format() throws(V4L2Error) -> CaptureFormat {
        var format = v4l2_format()
        format.type = V4L2_BUF_TYPE_VIDEO_CAPTURE.rawValue
        try ioctl(.getFormat, &format)
        return CaptureFormat(format.fmt.pix)
    }

    /// VIDIOC_S_FMT; answers what the driver actually chose, which may differ.
    public func setFormat(_ size: FrameSize, _ pixelFormat: PixelFormat) throws(V4L2Error) -> CaptureFormat {
        var format = v4l2_format()
        format.type = V4L2_BUF_TYPE_VIDEO_CAPTURE.rawValue
        format.fmt.pix.width = UInt32(size.width)
        format.fmt.pix.height = UInt32(size.height)
        format.fmt.pix.pixelformat = pixelFormat.rawValue
        format.fmt.pix.field = V4L2_FIELD_NONE.rawValue
        try ioctl(.setFormat, &format)
        return CaptureFormat(format.fmt.pix)
    }

    /// VIDIOC_S_PARM with a frame interval; answers the interval the driver chose.
    public func setFrameInterval(_ interval: FrameInterval) throws(V4L2Error) -> FrameInterval {
        var parm = v4l2_streamparm()
        parm.type = V4L2_BUF_TYPE_VIDEO_CAPTURE.rawValue
        parm.parm.capture.timeperframe = v4l2_fract(numerator: interval.numerator, denominator: interval.denominator)
        try ioctl(.setParameters, &parm)
        let chosen = parm.parm.capture.timeperframe
        return FrameInterval(numerator: chosen.numerator, denominator: chosen.denominator)
    }

    // MARK: - Controls

    /// VIDIOC_QUERYCTRL; nil when the device lacks the control.
    public func queryControl(_ id: UInt32) throws(V4L2Error) -> ControlInfo? {
        var query = v4l2_queryctrl()
        query.id = id
        do { try ioctl(.queryControl, &query) } catch where error.errno == EINVAL { return nil }
        return controlInfo(query)
    }

    /// Every control, walked with V4L2_CTRL_FLAG_NEXT_CTRL (control-class headings left out).
    public func controls() throws(V4L2Error) -> [ControlInfo] {
        var result: [ControlInfo] = []
        var id: UInt32 = 0
        for _ in 0..<1024 {  // bounded: a driver that never answers EINVAL must not loop forever
            var query = v4l2_queryctrl()
            query.id = id | UInt32(V4L2_CTRL_FLAG_NEXT_CTRL)
            do { try ioctl(.queryControl, &query) } catch where error.errno == EINVAL { break }
            guard query.id != id else { break }
            id = query.id
            if query.type != V4L2_CTRL_TYPE_CTRL_CLASS.rawValue { result.append(controlInfo(query)) }
        }
        return result
    }

    private func controlInfo(_ query: v4l2_queryctrl) -> ControlInfo {
        let unusable = UInt32(V4L2_CTRL_FLAG_DISABLED) | UInt32(V4L2_CTRL_FLAG_READ_ONLY)
        return ControlInfo(
            id: query.id, name: cString(query.name), minimum: query.minimum, maximum: query.maximum,
            defaultValue: query.default_value, isSettable: query.flags & unusable == 0)
    }

    /// VIDIOC_G_CTRL.
    public func control(_ id: UInt32) throws(V4L2Error) -> Int32 {
        var control = v4l2_control(id: id, value: 0)
        try ioctl(.getControl, &control)
        return control.value
    }

    /// VIDIOC_S_CTRL.
    public func setControl(_ id: UInt32, _ value: Int32) throws(V4L2Error) {
        var control = v4l2_control(id: id, value: value)
        try ioctl(.setControl, &control)
    }

    private func cString<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}

extension CaptureFormat {
    init(_ pix: v4l2_pix_format) {
        self.init(
            size: FrameSize(width: Int(pix.width), height: Int(pix.height)), pixelFormat: PixelFormat(rawValue: pix.pixelformat),
            bytesPerLine: Int(pix.bytesperline), sizeImage: Int(pix.sizeimage))
    }
}
