import EnrollCore
import FaceAnalysis
import Foundation
import Imaging
import Testing
import TestSupport

/// What a record keeps of an accepted photo: the token image cut out around the one face,
/// never the camera's whole picture.
@Suite(.enabled(if: Portrait.available, "needs ../shared/fixtures/faces and libdlib-data's landmark model"))
struct FacePhotographTests {
    func frame(_ image: RGBImage) -> FaceFrame { FaceFrame(width: image.width, height: image.height, rgb: image.pixels) }

    @Test func theOneFaceIsCutOutAtTheTokenGeometry() throws {
        let photo = try #require(try Portrait.analyzer().photograph(frame(try Portrait.frame())))
        #expect(photo.width == 480 && photo.height == 640)
        let token = RGBImage(width: photo.width, height: photo.height, pixels: photo.rgb)
        let eyes = try #require(try Portrait.analyzer { $0.minimumEyeDistance = 10 }.analyze(token.luma).landmarks)
        #expect(abs((eyes.rightEye.x + eyes.leftEye.x) / 2 - 240) < 12 && abs((eyes.rightEye.y + eyes.leftEye.y) / 2 - 288) < 12)
        #expect(abs(eyes.eyeDistance - 120) < 12, "eye distance \(eyes.eyeDistance)")
    }

    @Test func aFrameWithTwoFacesOrNoneGivesNoPhotograph() throws {
        let analyzer = try Portrait.analyzer { $0.minimumEyeDistance = 30 }
        let half = Portrait.crop(try Portrait.frame(), 0, 0, 640, 480, to: (320, 240))
        var pixels = [UInt8](repeating: 128, count: 640 * 240 * 3)
        for y in 0..<240 {
            for x in 0..<640 {
                for c in 0..<3 { pixels[(y * 640 + x) * 3 + c] = half.pixels[(y * 320 + x % 320) * 3 + c] }
            }
        }
        #expect(analyzer.photograph(frame(RGBImage(width: 640, height: 240, pixels: pixels))) == nil, "two people: whose face?")
        let blank = RGBImage(width: 640, height: 480, pixels: [UInt8](repeating: 200, count: 640 * 480 * 3))
        #expect(analyzer.photograph(frame(blank)) == nil)
    }
}

/// The frame's middle at the token size, for a camera whose faces are not located.
@Suite struct CentredTokenTests {
    @Test func theMiddlePortraitIsKeptAndTheSidesAreNot() {
        // 640×480: the largest 3:4 portrait is 360×480 from x = 140; mark what lies outside red.
        var pixels = [UInt8](repeating: 0, count: 640 * 480 * 3)
        for y in 0..<480 {
            for x in 0..<640 {
                let inside = x >= 140 && x < 500
                pixels[(y * 640 + x) * 3] = inside ? 30 : 255
                pixels[(y * 640 + x) * 3 + 1] = inside ? UInt8(y * 255 / 479) : 0
            }
        }
        let token = TokenImage.centred(from: RGBImage(width: 640, height: 480, pixels: pixels))
        #expect(token.width == 480 && token.height == 640)
        #expect(stride(from: 0, to: token.pixels.count, by: 3).allSatisfy { token.pixels[$0] == 30 }, "no pixel from the sides")
        // Top to bottom kept: the green ramp runs the whole height.
        #expect(token.pixels[1] < 5 && token.pixels[((639 * 480) + 240) * 3 + 1] > 250)
    }

    @Test func aTallFrameIsCutAboveAndBelow() {
        var pixels = [UInt8](repeating: 0, count: 300 * 600 * 3)
        for y in 0..<600 { for x in 0..<300 { pixels[(y * 300 + x) * 3] = (y >= 100 && y < 500) ? 30 : 255 } }
        let token = TokenImage.centred(from: RGBImage(width: 300, height: 600, pixels: pixels), width: 120)
        #expect(token.width == 120 && token.height == 160)
        #expect(stride(from: 0, to: token.pixels.count, by: 3).allSatisfy { token.pixels[$0] == 30 })
    }
}
