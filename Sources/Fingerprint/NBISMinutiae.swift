import CFPrint
import EnrollCore

/// The minutiae libfprint's own NBIS detector (`fp_image_detect_minutiae`, NIST mindtct)
/// found in an `FpImage`, converted the way libfprint converts them into an NBIS print: at
/// most 200, NIST coordinates, direction in degrees in -180…180. The kiosk's duplicate check
/// and `enrollctl eval match` therefore see exactly what a reader's print would hold.
public enum NBISMinutiae {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// libfprint keeps at most this many minutiae in a print (bozorth3's limit).
    public static let maximumMinutiae = 200

    /// Reads the detected minutiae of `image` (after `fp_image_detect_minutiae_finish`).
    /// `height` is the image's height, for NIST's upward y axis.
    public static func read(_ image: OpaquePointer, height: Int) throws(Failure) -> [EnrollCore.Minutia] {
        guard let array = fp_image_get_minutiae(image) else { throw Failure(description: "no minutiae were detected") }
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
            minutiae.append(EnrollCore.Minutia(x: Int(x), y: height - Int(y), angle: theta))
        }
        return minutiae
    }

    /// A new `FpImage` holding `image`'s pixels (the caller unrefs it).
    public static func makeImage(_ image: FingerprintImage) throws(Failure) -> OpaquePointer {
        guard image.width > 0, image.height > 0, image.pixels.count >= image.width * image.height else {
            throw Failure(description: "empty or short image")
        }
        guard let fpImage = fp_image_new(Int32(image.width), Int32(image.height)) else { throw Failure(description: "fp_image_new failed") }
        var length: gsize = 0
        guard let data = fp_image_get_data(fpImage, &length), Int(length) >= image.width * image.height else {
            g_object_unref(UnsafeMutableRawPointer(fpImage))
            throw Failure(description: "libfprint gave no image buffer")
        }
        // fp_image_new allocates the buffer the detector reads; this is how drivers fill it.
        image.pixels.withUnsafeBufferPointer { source in
            UnsafeMutablePointer(mutating: data).update(from: source.baseAddress!, count: image.width * image.height)
        }
        return fpImage
    }
}

extension LibfprintReader {
    /// The minutiae libfprint's detector finds in `image` (a capture of this or any reader),
    /// for the duplicate check: detection runs in a GLib worker thread, only its start and
    /// end on the GLib thread. Nil when detection fails.
    public func minutiae(of image: FingerprintImage) async -> [EnrollCore.Minutia]? {
        guard let fpImage = try? NBISMinutiae.makeImage(image) else { return nil }
        let owned = OpaqueRef(pointer: fpImage)
        defer { g_object_unref(UnsafeMutableRawPointer(owned.pointer)) }
        let detected: Bool = await GLibMainLoop.call(isolation: self, { callback, data in
            fp_image_detect_minutiae(owned.pointer, nil, callback, data)
        }, finish: { result in
            var error: UnsafeMutablePointer<GError>?
            let ok = fp_image_detect_minutiae_finish(owned.pointer, result, &error) != 0
            if let error { g_error_free(error) }
            return ok
        })
        guard detected else { return nil }
        return try? NBISMinutiae.read(owned.pointer, height: image.height)
    }
}
