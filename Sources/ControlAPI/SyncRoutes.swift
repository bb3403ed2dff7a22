import Access
import EnrollCore
import Hummingbird

/// `GET /v1/sync` on both listeners; `POST /v1/sync/now` on the socket only: it is a
/// technician's action, and a page in the kiosk browser must not be able to hammer the
/// central server.
enum SyncRoutes {
    static func addStatus(to routes: inout Routes, sync: any SyncController) {
        routes.add(.get, "v1/sync", access: .public) { _, _ in await sync.summary() }
    }

    static func addNow(to routes: inout Routes, sync: any SyncController) {
        routes.add(.post, "v1/sync/now", access: .technician) { _, _ -> SyncSummary in
            await sync.syncNow()
            return await sync.summary()
        }
    }
}
