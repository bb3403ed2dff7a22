import CFPrint
import EnrollCore

/// Conversions between libfprint's `FpPrint` and the core's `FingerprintTemplate`.
/// GLib thread only.
enum LibfprintPrint {
    /// The serialized bytes of `print` (`fp_print_serialize`).
    static func serialize(_ print: OpaquePointer) throws(ReaderError) -> FingerprintTemplate {
        var data: UnsafeMutablePointer<guchar>?
        var length: gsize = 0
        var error: UnsafeMutablePointer<GError>?
        guard fp_print_serialize(print, &data, &length, &error) != 0, let data else {
            throw .device("the print could not be serialized: \(error.map(GLibError.init(consuming:))?.message ?? "no reason")")
        }
        defer { g_free(data) }
        return FingerprintTemplate(bytes: Array(UnsafeBufferPointer(start: data, count: Int(length))))
    }

    /// A new, owned (not floating) `FpPrint` from serialized bytes; unref it when done.
    static func deserialize(_ template: FingerprintTemplate) throws(ReaderError) -> OpaquePointer {
        var error: UnsafeMutablePointer<GError>?
        let print = template.bytes.withUnsafeBufferPointer { fp_print_deserialize($0.baseAddress, gsize($0.count), &error) }
        guard let print else {
            throw .invalidTemplate("the template is not a libfprint print: \(error.map(GLibError.init(consuming:))?.message ?? "no reason")")
        }
        // FpPrint is GInitiallyUnowned: take ownership of a floating reference, if it is one.
        if g_object_is_floating(UnsafeMutableRawPointer(print)) != 0 { g_object_ref_sink(UnsafeMutableRawPointer(print)) }
        return print
    }

    /// libfprint's finger numbering (left thumb first) for an ISO finger position.
    static func finger(_ position: FingerPosition) -> FpFinger {
        let libfprint: UInt32 = switch position {
        case .leftThumb: 1
        case .leftIndex: 2
        case .leftMiddle: 3
        case .leftRing: 4
        case .leftLittle: 5
        case .rightThumb: 6
        case .rightIndex: 7
        case .rightMiddle: 8
        case .rightRing: 9
        case .rightLittle: 10
        }
        return FpFinger(rawValue: libfprint)
    }
}
