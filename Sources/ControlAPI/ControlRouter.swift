import EnrollCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Builds the routers of the two listeners. The Unix socket serves the API to `enrollctl`
/// and local tools; the loopback listener serves the same API plus `/metrics` and the
/// kiosk page for the browser on this machine. docs/control-api.yaml is the contract.
public struct ControlRouter: Sendable {
    private let status: any StatusProvider
    private let metrics: MetricsEndpoint
    private let records: (any RecordsProvider)?
    private let readers: (any ReaderOperations)?
    private var cameras: (any CameraTester)?
    private var sync: (any SyncController)?

    public init(
        status: any StatusProvider, metrics: MetricsEndpoint,
        records: (any RecordsProvider)? = nil, readers: (any ReaderOperations)? = nil
    ) {
        self.status = status
        self.metrics = metrics
        self.records = records
        self.readers = readers
    }

    /// The same routers, with `POST /v1/cameras/test` on the socket answered by `cameras`.
    public func adding(cameras: any CameraTester) -> ControlRouter {
        var router = self
        router.cameras = cameras
        return router
    }

    /// The same routers, with `GET /v1/sync` and (socket only) `POST /v1/sync/now`.
    public func adding(sync: any SyncController) -> ControlRouter {
        var router = self
        router.sync = sync
        return router
    }

    /// The router for the Unix socket.
    public func socketRouter() -> Router<BasicRequestContext> {
        var routes = Routes()
        addAPI(to: &routes)
        // Socket only: the test can return a photo, so only the enrolld group (technicians)
        // may ask, never a web page in the kiosk browser.
        if let cameras { CameraRoutes.add(to: &routes, cameras: cameras) }
        // Socket only for the same reason: a reader self-test can return a fingerprint image.
        if let readers { ReaderRoutes.add(to: &routes, readers: readers) }
        if let sync { SyncRoutes.addNow(to: &routes, sync: sync) }
        return routes.router()
    }

    /// The router for 127.0.0.1: the API, metrics and the kiosk page.
    public func loopbackRouter() -> Router<BasicRequestContext> {
        var routes = Routes()
        addAPI(to: &routes)
        let metrics = self.metrics
        routes.add(.get, "metrics") { _, _ in metrics.response() }
        routes.add(.get, "/") { _, _ in KioskPage.response() }
        return routes.router()
    }

    private func addAPI(to routes: inout Routes) {
        let status = self.status
        routes.add(.get, "v1/status") { _, _ in await status.currentStatus() }
        routes.add(.get, "v1/devices") { _, _ in DeviceList(devices: await status.devices()) }
        if let sync { SyncRoutes.addStatus(to: &routes, sync: sync) }
        guard let records else { return }
        routes.add(.get, "v1/queue") { _, _ in await records.queueStatus() }
        routes.add(.get, "v1/key") { _, _ -> DeviceKeyInfo in
            guard let key = await records.deviceKey() else {
                throw HTTPError(.serviceUnavailable, message: "the device key could not be loaded; see the journal")
            }
            return key
        }
    }
}
