import Access
import EnrollCore
import Hummingbird

/// `GET` and `POST /v1/maintenance` (socket only, technicians): whether new enrollments are
/// held back for a restart or an upgrade, and switching it. Not on the loopback listener: a
/// page in the kiosk browser must not be able to close the kiosk.
enum MaintenanceRoutes {
    struct Switch: Decodable {
        var on: Bool
    }

    static func add(to routes: inout Routes, sessions: any SessionOperations) {
        routes.add(.get, "v1/maintenance", access: .technician) { _, context -> MaintenanceView in
            try await sessions.maintenance(nil, by: try SessionRoutes.caller(context))
        }
        routes.add(.post, "v1/maintenance", access: .technician) { request, context -> MaintenanceView in
            let caller = try SessionRoutes.caller(context)
            let body = try await JSONBody.decode(Switch.self, from: request, keys: ["on"])
            return try await sessions.maintenance(body.on, by: caller)
        }
    }
}

