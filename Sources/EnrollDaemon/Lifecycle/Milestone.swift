/// The start-up milestones the readiness gate waits for.
enum Milestone {
    /// The state directory is locked, the device key loaded and the record store opened
    /// (or found damaged and kept aside: the daemon then refuses capture).
    static let storage = "storage"
    /// Every device source has been enumerated.
    static let devices = "devices"
    /// The API's Unix socket accepts connections.
    static let apiSocket = "api.socket"
    /// The loopback listener accepts connections.
    static let apiHTTP = "api.http"

    /// The milestones a daemon with these listeners must reach before `READY=1`.
    static func required(httpEnabled: Bool) -> Set<String> {
        httpEnabled ? [storage, devices, apiSocket, apiHTTP] : [storage, devices, apiSocket]
    }
}
