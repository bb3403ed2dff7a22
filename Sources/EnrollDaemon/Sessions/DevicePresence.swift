import EnrollCore

/// Whether the devices a session needs can take a capture now or soon, for admission: a
/// session is not started when a step its policy needs could not be done. Finding out at
/// the face step would mean a person gave consent, details and fingers for nothing, or
/// staff recording the face as "cannot be captured" when it could.
protocol DevicePresence: Sendable {
    func fingerReaderUsable() async -> Bool
    func cameraUsable() async -> Bool
}

extension DeviceRegistry: DevicePresence {
    /// A reader that is ready, busy with another capture or resting after it ran hot will
    /// take the next capture; a failed or removed one will not.
    func fingerReaderUsable() async -> Bool {
        all.contains { $0.kind == .fingerprintReader && [.ready, .busy, .cooling].contains($0.health) }
    }

    /// A camera that is ready or streaming (the preview of the session before); a failed or
    /// removed one gives no picture.
    func cameraUsable() async -> Bool {
        all.contains { $0.kind == .camera && [.ready, .busy].contains($0.health) }
    }
}
