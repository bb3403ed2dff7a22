import CUdev

/// A libudev context for one thread (libudev objects are not thread-safe). Reads what the
/// camera source needs from udev device objects.
final class Udev {
    let context: OpaquePointer

    init?() {
        guard let context = udev_new() else { return nil }
        self.context = context
    }

    deinit { udev_unref(context) }

    /// Every video4linux node udev knows.
    func videoNodes() -> [CameraNode] {
        guard let enumerate = udev_enumerate_new(context) else { return [] }
        defer { udev_enumerate_unref(enumerate) }
        udev_enumerate_add_match_subsystem(enumerate, "video4linux")
        udev_enumerate_scan_devices(enumerate)
        var nodes: [CameraNode] = []
        var entry = udev_enumerate_get_list_entry(enumerate)
        while let current = entry {
            if let syspath = udev_list_entry_get_name(current), let device = udev_device_new_from_syspath(context, syspath) {
                if let node = Udev.node(device) { nodes.append(node) }
                udev_device_unref(device)
            }
            entry = udev_list_entry_get_next(current)
        }
        return nodes
    }

    /// The node of a udev device, with its properties and driver.
    static func node(_ device: OpaquePointer) -> CameraNode? {
        guard let devnode = udev_device_get_devnode(device).map({ String(cString: $0) }) else { return nil }
        var properties: [String: String] = [:]
        var entry = udev_device_get_properties_list_entry(device)
        while let current = entry {
            if let name = udev_list_entry_get_name(current) {
                properties[String(cString: name)] = udev_list_entry_get_value(current).map { String(cString: $0) } ?? ""
            }
            entry = udev_list_entry_get_next(current)
        }
        var driver: String?
        var parent: OpaquePointer? = udev_device_get_parent(device)  // owned by the child: no unref
        while driver == nil, let current = parent {
            driver = udev_device_get_driver(current).map { String(cString: $0) }
            parent = udev_device_get_parent(current)
        }
        let sysName = udev_device_get_sysattr_value(device, "name").map { String(cString: $0) }
        return CameraNode(devnode: devnode, properties: properties, driver: driver, sysName: sysName)
    }
}
