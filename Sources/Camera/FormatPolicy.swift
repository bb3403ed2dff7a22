/// What a face capture needs from a camera: a minimum size, a preferred size and a rate.
public struct FormatPolicy: Sendable, Equatable {
    /// Smaller frames are refused: an ICAO face crop needs about 640x480.
    public var minimum: FrameSize
    /// The size to aim for; the smallest offered size at least this big wins, else the largest.
    public var preferred: FrameSize
    /// Frames per second to ask for.
    public var framesPerSecond: Int

    public init(minimum: FrameSize = FrameSize(width: 640, height: 480), preferred: FrameSize = FrameSize(width: 1280, height: 720), framesPerSecond: Int = 15) {
        self.minimum = minimum
        self.preferred = preferred
        self.framesPerSecond = framesPerSecond
    }

    /// Formats in order of preference for a size: above VGA, MJPEG first (YUYV at 720p and
    /// up exceeds USB 2 bandwidth on most cameras); at VGA and below YUYV first (no decoding).
    public func preferredFormats(for size: FrameSize) -> [PixelFormat] {
        size.area > 640 * 480 ? [.mjpeg, .jpeg, .yuyv, .grey] : [.yuyv, .mjpeg, .jpeg, .grey]
    }

    /// The best (format, size) among `offers`, or nil when nothing meets the minimum.
    public func choose(from offers: [PixelFormat: [FrameSize]]) -> (PixelFormat, FrameSize)? {
        let usable = offers.filter { [.mjpeg, .jpeg, .yuyv, .grey].contains($0.key) }
            .mapValues { $0.filter { $0.width >= minimum.width && $0.height >= minimum.height } }
        let sizes = Set(usable.values.joined())
        let bigEnough = sizes.filter { $0.width >= preferred.width && $0.height >= preferred.height }
        let ordered = bigEnough.isEmpty
            ? sizes.sorted { ($0.area, $0.width) > ($1.area, $1.width) }
            : bigEnough.sorted { ($0.area, $0.width) < ($1.area, $1.width) }
        for size in ordered {
            for format in preferredFormats(for: size) where usable[format]?.contains(size) == true {
                return (format, size)
            }
        }
        return nil
    }

    /// The offered interval closest to the wanted rate, or the wanted rate itself when the
    /// driver lists none.
    public func chooseInterval(from intervals: [FrameInterval]) -> FrameInterval {
        let wanted = Double(framesPerSecond)
        return intervals.filter { $0.numerator > 0 }.min { abs($0.framesPerSecond - wanted) < abs($1.framesPerSecond - wanted) }
            ?? FrameInterval(numerator: 1, denominator: UInt32(max(1, framesPerSecond)))
    }
}
