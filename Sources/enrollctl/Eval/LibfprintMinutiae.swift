import CFPrint
import EnrollCore

/// NBIS minutiae of a gray image, found by libfprint's own detector
/// (`fp_image_detect_minutiae`, NIST mindtct inside libfprint) and converted the way
/// libfprint converts them into an NBIS print: at most 200, NIST coordinates, direction in
/// degrees in -180…180. The evaluation therefore measures exactly the templates the kiosk's
/// readers produce. No reader is needed: the image is handed to the detector directly.
enum LibfprintMinutiae {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// libfprint keeps at most this many minutiae in a print (bozorth3's limit).
    static let maximumMinutiae = 200

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
        guard image.width > 0, image.height > 0, image.pixels.count >= image.width * image.height else {
            throw Failure(description: "empty or short image")
        }
        guard let fpImage = fp_image_new(Int32(image.width), Int32(image.height)) else { throw Failure(description: "fp_image_new failed") }
        defer { g_object_unref(UnsafeMutableRawPointer(fpImage)) }
        var length: gsize = 0
        guard let data = fp_image_get_data(fpImage, &length), Int(length) >= image.width * image.height else {
            throw Failure(description: "libfprint gave no image buffer")
        }
        // fp_image_new allocates the buffer the detector reads; this is how drivers fill it.
        image.pixels.withUnsafeBufferPointer { source in
            UnsafeMutablePointer(mutating: data).update(from: source.baseAddress!, count: image.width * image.height)
        }
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
        guard detection.succeeded, let array = fp_image_get_minutiae(fpImage) else { throw Failure(description: "minutiae detection failed") }
        var minutiae: [EnrollCore.Minutia] = []
        for index in 0..<min(Int(array.pointee.len), maximumMinutiae) {
            guard let raw = CFPrint_ptr_array_index(array, guint(index)) else { continue }
            // NBIS's `struct fp_minutia` starts x, y, ex, ey, direction (ints); only x and y
            // have a public getter, so they also check that the layout is the expected one.
            var x: gint = 0, y: gint = 0
            fp_minutia_get_coords(OpaquePointer(raw), &x, &y)
            let fields = raw.assumingMemoryBound(to: Int32.self)
            guard fields[0] == x, fields[1] == y else { throw Failure(description: "unexpected libfprint minutia layout") }
            let direction = Int(fields[4])
            // lfs2nist_minutia_XYT, then libfprint's fold into -180…180.
            var theta = (270 - Int((Double(direction) * 11.25).rounded())) % 360
            if theta < 0 { theta += 360 }
            if theta > 180 { theta -= 360 }
            minutiae.append(EnrollCore.Minutia(x: Int(x), y: image.height - Int(y), angle: theta))
        }
        return minutiae
    }
}
