import Foundation
import Imaging

/// The photograph the virtual camera shows instead of its generated oval, named by
/// `ENROLLD_VIRTUAL_CAMERA_IMAGE` beside `ENROLLD_VIRTUAL_CAMERA=1`: with it a demo, or a
/// browser test, runs the real face checks (dlib) on a real face and sees their guidance.
/// Read once from the process's environment; a camera is opened afresh for every test and
/// face step, and the file must not be decoded each time.
enum VirtualCameraStill {
    static let variable = "ENROLLD_VIRTUAL_CAMERA_IMAGE"
    /// A photograph larger than this is not a camera frame's stand-in.
    static let maximumBytes = 16 << 20

    /// The photograph, why it could not be used, or nil when none was named.
    static let loaded: Result<RGBImage, ImagingError>? = load(ProcessInfo.processInfo.environment[variable])

    static func load(_ path: String?) -> Result<RGBImage, ImagingError>? {
        guard let path, !path.isEmpty else { return nil }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              (attributes[.type] as? FileAttributeType) == .typeRegular,
              let size = (attributes[.size] as? NSNumber)?.intValue, size <= maximumBytes,
              let data = FileManager.default.contents(atPath: path) else {
            return .failure(.unsupported("\(path) is not a readable file of at most \(maximumBytes >> 20) MiB"))
        }
        do throws(ImagingError) {
            return .success(try ImageFile.rgb(Array(data)))
        } catch {
            return .failure(error)
        }
    }

    /// The photograph to show, when one was named and could be read.
    static var image: RGBImage? { try? loaded?.get() }
}
