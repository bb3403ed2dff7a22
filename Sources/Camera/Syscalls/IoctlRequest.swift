import CV4L2

/// One VIDIOC_* request: its number and its name, so recordings and errors say which.
public struct IoctlRequest: Sendable, Hashable, CustomStringConvertible {
    /// The name from videodev2.h, e.g. `VIDIOC_DQBUF`.
    public let name: String
    /// The request number.
    public let number: UInt

    /// A request by name and number.
    public init(_ name: String, _ number: UInt) {
        self.name = name
        self.number = number
    }

    public var description: String { name }

    /// `VIDIOC_QUERYCAP`.
    public static let querycap = IoctlRequest("VIDIOC_QUERYCAP", CV4L2_VIDIOC_QUERYCAP)
    /// `VIDIOC_ENUM_FMT`.
    public static let enumFormat = IoctlRequest("VIDIOC_ENUM_FMT", CV4L2_VIDIOC_ENUM_FMT)
    /// `VIDIOC_ENUM_FRAMESIZES`.
    public static let enumFrameSizes = IoctlRequest("VIDIOC_ENUM_FRAMESIZES", CV4L2_VIDIOC_ENUM_FRAMESIZES)
    /// `VIDIOC_ENUM_FRAMEINTERVALS`.
    public static let enumFrameIntervals = IoctlRequest("VIDIOC_ENUM_FRAMEINTERVALS", CV4L2_VIDIOC_ENUM_FRAMEINTERVALS)
    /// `VIDIOC_G_FMT`.
    public static let getFormat = IoctlRequest("VIDIOC_G_FMT", CV4L2_VIDIOC_G_FMT)
    /// `VIDIOC_S_FMT`.
    public static let setFormat = IoctlRequest("VIDIOC_S_FMT", CV4L2_VIDIOC_S_FMT)
    /// `VIDIOC_G_PARM`.
    public static let getParameters = IoctlRequest("VIDIOC_G_PARM", CV4L2_VIDIOC_G_PARM)
    /// `VIDIOC_S_PARM`.
    public static let setParameters = IoctlRequest("VIDIOC_S_PARM", CV4L2_VIDIOC_S_PARM)
    /// `VIDIOC_REQBUFS`.
    public static let requestBuffers = IoctlRequest("VIDIOC_REQBUFS", CV4L2_VIDIOC_REQBUFS)
    /// `VIDIOC_QUERYBUF`.
    public static let queryBuffer = IoctlRequest("VIDIOC_QUERYBUF", CV4L2_VIDIOC_QUERYBUF)
    /// `VIDIOC_QBUF`.
    public static let queueBuffer = IoctlRequest("VIDIOC_QBUF", CV4L2_VIDIOC_QBUF)
    /// `VIDIOC_DQBUF`.
    public static let dequeueBuffer = IoctlRequest("VIDIOC_DQBUF", CV4L2_VIDIOC_DQBUF)
    /// `VIDIOC_STREAMON`.
    public static let streamOn = IoctlRequest("VIDIOC_STREAMON", CV4L2_VIDIOC_STREAMON)
    /// `VIDIOC_STREAMOFF`.
    public static let streamOff = IoctlRequest("VIDIOC_STREAMOFF", CV4L2_VIDIOC_STREAMOFF)
    /// `VIDIOC_QUERYCTRL`.
    public static let queryControl = IoctlRequest("VIDIOC_QUERYCTRL", CV4L2_VIDIOC_QUERYCTRL)
    /// `VIDIOC_G_CTRL`.
    public static let getControl = IoctlRequest("VIDIOC_G_CTRL", CV4L2_VIDIOC_G_CTRL)
    /// `VIDIOC_S_CTRL`.
    public static let setControl = IoctlRequest("VIDIOC_S_CTRL", CV4L2_VIDIOC_S_CTRL)

    /// Every request, for looking one up by name in a recording.
    public static let all: [IoctlRequest] = [
        querycap, enumFormat, enumFrameSizes, enumFrameIntervals, getFormat, setFormat, getParameters, setParameters,
        requestBuffers, queryBuffer, queueBuffer, dequeueBuffer, streamOn, streamOff, queryControl, getControl, setControl,
    ]
}
