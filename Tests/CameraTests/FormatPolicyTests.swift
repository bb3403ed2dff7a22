import Testing
@testable import Camera

@Suite struct FormatPolicyTests {
    static let uvc: [PixelFormat: [FrameSize]] = [
        .yuyv: [.init(width: 640, height: 480), .init(width: 1280, height: 720), .init(width: 320, height: 240)],
        .mjpeg: [.init(width: 640, height: 480), .init(width: 1280, height: 720), .init(width: 1920, height: 1080)],
    ]

    @Test func highResolutionPrefersMJPEG() throws {
        let (format, size) = try #require(FormatPolicy().choose(from: Self.uvc))
        #expect(format == .mjpeg && size == FrameSize(width: 1280, height: 720))
    }

    @Test func vgaPrefersYUYV() throws {
        let policy = FormatPolicy(preferred: FrameSize(width: 640, height: 480))
        let (format, size) = try #require(policy.choose(from: Self.uvc))
        #expect(format == .yuyv && size == FrameSize(width: 640, height: 480))
    }

    @Test func withoutMJPEGTheLargestYUYVAboveTheMinimumServes() throws {
        let offers: [PixelFormat: [FrameSize]] = [.yuyv: [.init(width: 640, height: 480), .init(width: 800, height: 600)]]
        let (format, size) = try #require(FormatPolicy().choose(from: offers))
        #expect(format == .yuyv && size == FrameSize(width: 800, height: 600))
    }

    @Test func grayCamerasAreAccepted() throws {
        let offers: [PixelFormat: [FrameSize]] = [.grey: [.init(width: 752, height: 480)], PixelFormat("Y16 "): [.init(width: 752, height: 480)]]
        let (format, _) = try #require(FormatPolicy().choose(from: offers))
        #expect(format == .grey)
    }

    @Test func belowTheMinimumOrUnknownFormatsGiveNothing() {
        #expect(FormatPolicy().choose(from: [.yuyv: [.init(width: 320, height: 240)]]) == nil)
        #expect(FormatPolicy().choose(from: [PixelFormat("H264"): [.init(width: 1920, height: 1080)]]) == nil)
        #expect(FormatPolicy().choose(from: [:]) == nil)
    }

    @Test func intervalClosestToTheWantedRate() {
        let intervals = [FrameInterval(numerator: 1, denominator: 30), FrameInterval(numerator: 1, denominator: 15), FrameInterval(numerator: 1, denominator: 5)]
        #expect(FormatPolicy(framesPerSecond: 20).chooseInterval(from: intervals) == FrameInterval(numerator: 1, denominator: 15))
        #expect(FormatPolicy(framesPerSecond: 25).chooseInterval(from: []) == FrameInterval(numerator: 1, denominator: 25))
    }

    @Test func fourCCsReadAsText() {
        #expect(PixelFormat.yuyv.rawValue == 0x5659_5559)
        #expect(PixelFormat.mjpeg.description == "MJPG")
        #expect(PixelFormat("Y16 ").description == "Y16")
    }
}
