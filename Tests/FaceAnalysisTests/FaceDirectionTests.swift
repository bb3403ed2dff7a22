import EnrollCore
import FaceAnalysis
import Foundation
import Imaging
import Testing
import TestSupport

/// Which way an off-centre person is told to move, in their own left and right (see
/// `FaceDirection` for why the frame's left half means "move to your left"), on the fixture
/// portrait moved sideways in the frame.
@Suite(.enabled(if: Portrait.available, "needs ../shared/fixtures/faces and libdlib-data's landmark model"))
struct FaceDirectionTests {
    func report(_ image: RGBImage) throws -> FaceReport { try Portrait.analyzer().analyze(image.luma) }

    func check(_ report: FaceReport, _ name: String) -> FaceCheck? { report.checks.first { $0.name == name } }

    /// The frame's content moved `dx` pixels to the right (negative: left), the uncovered
    /// strip mid-gray, as if the person had stepped sideways in front of a fixed camera.
    static func shifted(_ frame: RGBImage, by dx: Int) -> RGBImage {
        Portrait.map(frame) { x, y, c, _ in
            let from = x - dx
            return from >= 0 && from < frame.width ? Double(frame.pixels[(y * frame.width + from) * 3 + c]) : 128
        }
    }

    /// The frame seen in a mirror: left and right swapped.
    static func mirrored(_ frame: RGBImage) -> RGBImage {
        Portrait.map(frame) { x, y, c, _ in Double(frame.pixels[(y * frame.width + frame.width - 1 - x) * 3 + c]) }
    }

    func faceCentreX(_ report: FaceReport) throws -> Double {
        let bounds = try #require(report.landmarks).bounds
        return (bounds.left + bounds.right) / 2
    }

    /// The face in the camera frame's left half: the person stands to their own right of
    /// the camera, so they are told to move to their own left; and the other way round.
    @Test(arguments: [(-150, FaceDirection.left), (150, .right), (-110, .left), (110, .right)])
    func anOffCentreFaceIsToldWhichWay(_ dx: Int, _ way: FaceDirection) throws {
        let frame = try Portrait.frame()
        let report = try report(Self.shifted(frame, by: dx))
        #expect(report.faces == 1)
        // The premise: the face really is on the side of the frame the shift put it.
        let centre = try faceCentreX(report)
        #expect(dx < 0 ? centre < Double(frame.width) / 2 : centre > Double(frame.width) / 2, "face centre at \(centre)")
        let centred = try #require(check(report, "centred"))
        #expect(!centred.passed, "\(centred)")
        #expect(centred.code == way.code)
        #expect(centred.message.contains(way == .left ? "their own left" : "their own right"), "\(centred.message)")
        // The kiosk receives the way, once, and never the opposite or the bare "centred".
        #expect(report.failed.filter { $0 == way.code }.count == 1, "\(report.failed)")
        let other: FaceDirection = way == .left ? .right : .left
        #expect(!report.failed.contains(other.code) && !report.failed.contains("centred"), "\(report.failed)")
        #expect(report.quality(minimumScore: 0).feedback.contains(way.code))
        // The measure stays what it was: the offset's size, whichever side.
        #expect(report.quality(minimumScore: 0).measures["centred"] == centred.value)
    }

    /// The same off-centre frame seen in a mirror asks the opposite move: the words follow
    /// the side of the unmirrored camera frame the face is on, so a frame must never be
    /// flipped before the checks (only the page's preview is).
    @Test func aMirroredFrameAsksTheOppositeWay() throws {
        let left = Self.shifted(try Portrait.frame(), by: -150)
        #expect(check(try report(left), "centred")?.code == FaceDirection.left.code)
        #expect(check(try report(Self.mirrored(left)), "centred")?.code == FaceDirection.right.code)
    }

    /// A centred face is told nothing about moving, and the passed checks keep their names.
    @Test func aCentredFaceIsToldNoWay() throws {
        let report = try report(try Portrait.frame())
        #expect(check(report, "centred")?.passed == true)
        #expect(check(report, "centred")?.code == "centred")
        #expect(check(report, "inside_frame")?.code == "inside_frame")
        for way in FaceDirection.allCases { #expect(!report.failed.contains(way.code), "\(report.failed)") }
    }

    /// At the frame's side edge the frame-edge check asks the same move as the centring
    /// check, and the kiosk hears it once.
    @Test(arguments: [(-215, FaceDirection.left), (215, .right)])
    func aFaceAtTheSideEdgeIsToldTheSameWayOnce(_ dx: Int, _ way: FaceDirection) throws {
        let report = try report(Self.shifted(try Portrait.frame(), by: dx))
        try #require(report.faces == 1, "no face found shifted by \(dx)")
        let edge = try #require(check(report, "inside_frame"))
        #expect(!edge.passed, "\(edge)")
        #expect(edge.code == way.code)
        #expect(check(report, "centred")?.code == way.code)
        #expect(report.failed.filter { $0 == way.code }.count == 1, "\(report.failed)")
        #expect(!report.failed.contains("inside_frame"), "\(report.failed)")
    }

    /// At the frame's top or bottom edge there is no way to step: the frame-edge check keeps
    /// its own code, beside the camera-height check that says what to do.
    @Test(arguments: [(150, "camera_too_high"), (-190, "camera_too_low")])
    func aFaceAtTheTopOrBottomEdgeIsToldNoSideways(_ dy: Int, _ height: String) throws {
        let frame = try Portrait.frame()
        let moved = Portrait.map(frame) { x, y, c, _ in
            let from = y - dy
            return from >= 0 && from < frame.height ? Double(frame.pixels[(from * frame.width + x) * 3 + c]) : 128
        }
        let report = try report(moved)
        try #require(report.faces == 1, "no face found moved by \(dy)")
        let edge = try #require(check(report, "inside_frame"))
        #expect(!edge.passed && edge.code == "inside_frame", "\(edge)")
        #expect(report.failed.contains("inside_frame") && report.failed.contains(height), "\(report.failed)")
        for way in FaceDirection.allCases { #expect(!report.failed.contains(way.code), "\(report.failed)") }
    }

    @Test(arguments: [
        (0.0, 640, FaceDirection.left), (319.9, 640, .left), (320.0, 640, .right), (639.0, 640, .right),
        (-50.0, 640, .left), (900.0, 640, .right), (0.0, 0, .right), (-1.0, 0, .left),
        (Double.infinity, 640, .right), (-Double.infinity, 640, .left),
    ])
    func theWayFollowsTheSideOfTheFrame(_ x: Double, _ width: Int, _ way: FaceDirection) {
        #expect(FaceDirection(towardMiddleFrom: x, width: width) == way)
    }

    @Test func theCodesAreTheKiosksWords() {
        #expect(FaceDirection.allCases.map(\.code) == ["move_left", "move_right"])
    }
}
