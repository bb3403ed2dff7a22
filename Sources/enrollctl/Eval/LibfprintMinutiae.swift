import CFPrint
import EnrollCore
import Fingerprint

/// NBIS minutiae of a gray image, found by libfprint's own detector
/// (`fp_image_detect_minutiae`, NIST mindtct inside libfprint) and converted the way
/// libfprint converts them into an NBIS print: at most 200, NIST coordinates, direction in
/// degrees in -180…180. The evaluation therefore measures exactly the templates the kiosk's
/// readers produce. No reader is needed: the image is handed to the detector directly.
enum LibfprintMinutiae {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Completion state of one detection; only touched on this thread (the callback runs
    /// from `g_main_context_iteration` below).
    private final class Detection {
        let image: OpaquePointer
        var finished = false
        var succeeded = false
        init(image: OpaquePointer) { self.image = image }
    }

    /// The minutiae of `image`, as an NBIS print of one stage would hold them.
    static func extract(_ image: FingerprintImage) throws(Failure) -> [EnrollCore.Minutia] {
        let fpImage: OpaquePointer
        do { fpImage = try NBISMinutiae.makeImage(image) } catch { throw Failure(description: error.description) }
        defer { g_object_unref(UnsafeMutableRawPointer(fpImage)) }
        let detection = Detection(image: fpImage)
        let context = Unmanaged.passRetained(detection).toOpaque()
        fp_image_detect_minutiae(fpImage, nil, { _, result, data in
            let detection = Unmanaged<Detection>.fromOpaque(data!).takeRetainedValue()
            var error: UnsafeMutablePointer<GError>?
            detection.succeeded = fp_image_detect_minutiae_finish(detection.image, result, &error) != 0
            if let error { g_error_free(error) }
            detection.finished = true
        }, context)
        // The detector runs in a GLib worker thread and reports on the default context.
        while !detection.finished { g_main_context_iteration(nil, 1) }
        guard detection.succeeded else { throw Failure(description: "minutiae detection failed") }
        do { return try NBISMinutiae.read(fpImage, height: image.height) } catch { throw Failure(description: error.description) }
    }
}
