/// The start-up milestones the readiness gate waits for.
enum Milestone {
    /// The state directory is created and locked (later: the store is open).
    static let storage = "storage"
    /// Every device source has been enumerated.
    static let devices = "devices"
    /// The API's Unix socket accepts connections.
    static let apiSocket = "api.socket"
    /// The loopback listener accepts connections.
    static let apiHTTP = "api.http"
}
