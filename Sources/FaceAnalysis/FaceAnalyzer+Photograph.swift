import EnrollCore
import Imaging

extension FaceAnalyzer {
    /// The token image of the frame's one face, from the eye positions its landmarks give.
    /// nil without exactly one face: a photograph is kept only of the person being enrolled.
    public func photograph(_ frame: FaceFrame) -> FaceFrame? {
        let image = RGBImage(width: frame.width, height: frame.height, pixels: frame.rgb)
        guard let report = try? analyze(image.luma), report.faces == 1, let landmarks = report.landmarks else { return nil }
        let token = TokenImage.make(from: image, landmarks: landmarks)
        return FaceFrame(width: token.width, height: token.height, rgb: token.pixels)
    }
}
