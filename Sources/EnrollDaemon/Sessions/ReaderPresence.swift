import EnrollCore

/// Whether a fingerprint reader can take a capture now or soon, for admission: a session
/// whose policy needs fingers is not started when no reader could give them.
protocol ReaderPresence: Sendable {
    func fingerReaderUsable() async -> Bool
}

extension DeviceRegistry: ReaderPresence {
    /// A reader that is ready, busy with another capture or resting after it ran hot will
    /// take the next capture; a failed or removed one will not.
    func fingerReaderUsable() async -> Bool {
        all.contains { $0.kind == .fingerprintReader && [.ready, .busy, .cooling].contains($0.health) }
    }
}
