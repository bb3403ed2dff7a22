/// Who may do what. A supervisor is an operator who may also approve; a technician looks
/// after the machine and never sees a session; a station runs only the unattended flow.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case `operator`
    case supervisor
    case technician
    case station

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The caller of a request, once identified.
public struct Principal: Sendable, Equatable, Codable {
    /// How the caller was identified.
    public enum Via: String, Sendable, Codable {
        case pin, fingerprint, station, socket
    }

    /// An operator id, the station's id, or `uid:N` on the socket. Never a subject's.
    public var id: String
    public var role: Role
    public var via: Via

    public init(id: String, role: Role, via: Via) {
        self.id = id
        self.role = role
        self.via = via
    }
}

/// Who may call a route: anyone who reaches the listener, or only these roles.
public enum RouteAccess: Sendable, Equatable {
    case `public`
    case roles(Set<Role>)

    /// Every role but the technician's: the enrollment itself.
    public static let enrollment = RouteAccess.roles([.operator, .supervisor, .station])
    public static let technician = RouteAccess.roles([.technician])

    public func admits(_ role: Role?) -> Bool {
        switch self {
        case .public: true
        case .roles(let roles): role.map(roles.contains) ?? false
        }
    }
}
