/// Maintenance as `GET`/`POST /v1/maintenance` and `enrollctl maintenance` show it: whether
/// new enrollments are held back for a technician, and whether one is still open (a restart
/// or an upgrade now would end it).
public struct MaintenanceView: Codable, Sendable, Equatable {
    public var on: Bool
    public var sessionOpen: Bool

    public init(on: Bool, sessionOpen: Bool) {
        self.on = on
        self.sessionOpen = sessionOpen
    }

    enum CodingKeys: String, CodingKey {
        case on
        case sessionOpen = "session_open"
    }
}
