import Access
import Hummingbird

/// `POST /v1/stations/logout` (socket only, technicians): signs out every self-service
/// station, including the logins kept in the store for after a restart.
enum StationRoutes {
    struct Revoked: Encodable, ResponseEncodable {
        var revoked: Int
    }

    /// The operation takes no fields: an empty body or `{}`.
    struct NoFields: Decodable {}

    static func add(to routes: inout Routes, access: AccessControl) {
        routes.add(.post, "v1/stations/logout", access: .technician) { request, context -> Revoked in
            let caller = try SessionRoutes.caller(context)
            _ = try await JSONBody.decodeOptional(NoFields.self, from: request, keys: [])
            do {
                return Revoked(revoked: try await access.revokeStationLogins(by: caller.id))
            } catch {
                throw APIProblem(.serviceUnavailable, "unavailable", "The kept station logins could not be removed: \(error)")
            }
        }
    }
}
