import CFPrint
import EnrollCore

extension NBISMinutiae {
    /// Completion state of one detection; only touched on the calling thread (the callback
    /// runs from `g_main_context_iteration` below).
    private final class Detection {
        let image: OpaquePointer
        var finished = false
        var succeeded = false
        init(image: OpaquePointer) { self.image = image }
    }

    /// The minutiae of `image`, as an NBIS print of one stage holds them, for tools that
    /// run no GLib main loop of their own (`enrollctl eval match`): the detector runs in a
    /// GLib worker thread and reports on the default main context, which this call iterates
    /// until it has. The daemon, whose GLib thread owns that context, uses
    /// `LibfprintReader.minutiae(of:)` instead.
    public static func detect(_ image: FingerprintImage) throws(Failure) -> [EnrollCore.Minutia] {
        let fpImage = try makeImage(image)
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
        while !detection.finished { g_main_context_iteration(nil, 1) }
        guard detection.succeeded else { throw Failure(description: "minutiae detection failed") }
        return try read(fpImage, height: image.height)
    }
}
