import Imaging

/// A camera that is not there: it plays a generated image sequence (a face-sized oval on a
/// gradient, drifting a little from frame to frame), or one still photograph, through the
/// same `Camera` protocol,
/// so `make demo` and the UI work on a machine without a camera. Its id and name say
/// "virtual" everywhere a technician could see them; the daemon uses it only when the
/// configuration asks for it.
public actor VirtualCamera: Camera {
    /// The driver name it reports, and under which the device registry lists it.
    public static let driver = "virtual"
    public nonisolated let id: String
    private var format = CaptureFormat(size: FrameSize(width: 640, height: 480), pixelFormat: .yuyv, bytesPerLine: 1280, sizeImage: 640 * 480 * 2)
    private var framesPerSecond = 15
    private var producer: Task<Void, Never>?
    /// The photograph every frame shows, when one was given.
    private let still: RGBImage?

    public init(id: String = "virtual-camera", still: RGBImage? = nil) {
        self.id = id
        self.still = still
    }

    public func details() async -> CameraDetails {
        CameraDetails(id: id, name: still == nil ? "Virtual camera (generated images, no hardware)" : "Virtual camera (a still photograph, no hardware)",
                      driver: Self.driver, node: "virtual",
                      formats: ["YUYV: 640x480"])
    }

    public func configure(_ policy: FormatPolicy) async throws -> NegotiatedFormat {
        // VGA only, like a basic webcam: frames are generated on the shared pool, so they stay cheap.
        let offers: [PixelFormat: [FrameSize]] = [.yuyv: [FrameSize(width: 640, height: 480)]]
        guard let (pixelFormat, size) = policy.choose(from: offers) else { throw V4L2Error.noFormat("the virtual camera offers 640x480 only") }
        format = CaptureFormat(size: size, pixelFormat: pixelFormat, bytesPerLine: size.width * 2, sizeImage: size.area * 2)
        framesPerSecond = max(1, min(policy.framesPerSecond, 30))
        return NegotiatedFormat(format: format, framesPerSecond: Double(framesPerSecond))
    }

    public func frames(bufferCount: Int, frameTimeout: Duration) async throws -> FrameStream {
        if let producer, !producer.isCancelled { throw V4L2Error.busy("start streaming") }
        let (stream, continuation) = FrameStream.makeStream(bufferingPolicy: .bufferingNewest(bufferCount))
        let format = self.format, period = Duration.milliseconds(1000 / framesPerSecond)
        let photograph = still.map { Self.frame(of: $0, size: format.size) }
        producer = Task {
            let clock = ContinuousClock()
            let start = clock.now
            var sequence: UInt32 = 0
            var dropped = 0
            var next = start
            while !Task.isCancelled {
                let frame = Frame(bytes: photograph ?? VirtualCamera.render(format.size, sequence), format: format, sequence: sequence,
                                  timestamp: clock.now - start, droppedFrames: dropped)
                // A consumer that falls behind loses the oldest frames, as with a real camera.
                if case .dropped = continuation.yield(frame) { dropped += 1 }
                sequence &+= 1
                // Never burst to catch up after a stall: a late frame is due one period from now.
                next += period
                if next < clock.now { next = clock.now + period }
                try? await clock.sleep(until: next)
            }
            continuation.finish()
        }
        continuation.onTermination = { [weak self] _ in
            Task { await self?.stop() }
        }
        return stream
    }

    public func stop() async {
        producer?.cancel()
        await producer?.value
        producer = nil
    }

    /// One YUYV frame: gray gradient background, a lighter oval where a face would be.
    /// Only the oval's bounding box is drawn per pixel; the rest is filled row by row.
    static func render(_ size: FrameSize, _ sequence: UInt32) -> [UInt8] {
        var bytes = [UInt8](repeating: 128, count: size.area * 2)
        let drift = Int(sequence % 40) - 20
        let centerX = size.width / 2 + drift, centerY = size.height * 2 / 5
        let radiusX = size.width / 7, radiusY = size.height / 4
        bytes.withUnsafeMutableBufferPointer { frame in
            for y in 0..<size.height {
                let background = UInt8(40 + (y * 80) / size.height)
                for x in 0..<size.width { frame[(y * size.width + x) * 2] = background }
                let dy = Double(y - centerY) / Double(radiusY)
                guard dy * dy <= 1 else { continue }
                let halfWidth = Int(Double(radiusX) * (1 - dy * dy).squareRoot())
                for x in max(0, centerX - halfWidth)...min(size.width - 1, centerX + halfWidth) { frame[(y * size.width + x) * 2] = 180 }
            }
        }
        return bytes
    }
}
