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
}
