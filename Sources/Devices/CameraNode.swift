import EnrollCore

/// A video4linux node as udev describes it, and whether it is a camera the daemon should
/// own. Pure, so the rules are tested without udev.
public struct CameraNode: Sendable, Equatable {
    /// `/dev/video0`.
    public var devnode: String
    /// udev properties of the node (ID_V4L_CAPABILITIES, ID_PATH, ID_SERIAL, ID_V4L_PRODUCT...).
    public var properties: [String: String]
    /// The driver bound to the nearest parent that has one (`uvcvideo`, `vivid`).
    public var driver: String?
    /// The sysfs `name` attribute (the card name), when udev has no product name.
    public var sysName: String?

    public init(devnode: String, properties: [String: String], driver: String? = nil, sysName: String? = nil) {
        self.devnode = devnode
        self.properties = properties
        self.driver = driver
        self.sysName = sysName
    }

    /// Whether this is a video capture node. UVC cameras also register a metadata node
    /// (ID_V4L_CAPABILITIES=":"), which must not be listed as a second camera. Without
    /// udev's v4l_id answer (a container) the node is kept, and opening it decides.
    public var isCapture: Bool {
        guard let caps = properties["ID_V4L_CAPABILITIES"] else { return true }
        return caps.contains(":capture:")
    }

    /// The id that survives re-plugging into the same port (ID_PATH), else the serial,
    /// else the node. `V4L2Camera(node:)` opens a camera by it.
    public var stableID: String {
        if let path = properties["ID_PATH"], !path.isEmpty { return path }
        if let serial = properties["ID_SERIAL"], !serial.isEmpty { return serial }
        return devnode
    }

    /// The registry's summary of this camera.
    public func summary(health: DeviceSummary.Health = .ready) -> DeviceSummary {
        let name = properties["ID_V4L_PRODUCT"] ?? sysName ?? properties["ID_MODEL"] ?? devnode
        return DeviceSummary(id: stableID, kind: .camera, name: name, driver: driver, health: health)
    }
}
