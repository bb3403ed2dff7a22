import EnrollCore
import Hummingbird
import Logging

/// Builds the routers of the two listeners. The Unix socket serves the API to `enrollctl`
/// and local tools; the loopback listener serves the same API plus `/metrics` and the
/// kiosk UI for the browser on this machine.
public struct ControlRouter: Sendable {
    private let status: any StatusProvider
    private let metrics: MetricsEndpoint
    private let records: (any RecordsProvider)?

    public init(status: any StatusProvider, metrics: MetricsEndpoint, records: (any RecordsProvider)? = nil) {
        self.status = status
        self.metrics = metrics
        self.records = records
    }

    /// The router for the Unix socket.
    public func socketRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: MetricsMiddleware())
        addAPI(to: router)
        return router
    }

    /// The router for 127.0.0.1: the API, metrics and the kiosk page.
    public func loopbackRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: MetricsMiddleware())
        addAPI(to: router)
        router.get("metrics") { _, _ in metrics.response() }
        router.get("/") { _, _ in KioskPage.response() }
        return router
    }

    private func addAPI(to router: Router<BasicRequestContext>) {
        let status = self.status
        router.get("v1/status") { _, _ in await status.currentStatus() }
        guard let records else { return }
        router.get("v1/queue") { _, _ in await records.queueStatus() }
        router.get("v1/key") { _, _ -> DeviceKeyInfo in
            guard let key = await records.deviceKey() else {
                throw HTTPError(.serviceUnavailable, message: "the device key could not be loaded; see the journal")
            }
            return key
        }
    }
}
