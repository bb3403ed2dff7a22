import EnrollCore
import Hummingbird
import Logging

/// Builds the routers of the two listeners. The Unix socket serves the API to `enrollctl`
/// and local tools; the loopback listener serves the same API plus `/metrics` and the
/// kiosk UI for the browser on this machine.
public struct ControlRouter: Sendable {
    private let status: any StatusProvider
    private let metrics: MetricsEndpoint
    private let readers: (any ReaderOperations)?

    public init(status: any StatusProvider, metrics: MetricsEndpoint, readers: (any ReaderOperations)? = nil) {
        self.status = status
        self.metrics = metrics
        self.readers = readers
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
        router.get("v1/devices") { _, _ in DeviceList(devices: await status.devices()) }
        if let readers { ReaderRoutes.add(to: router, readers: readers) }
    }
}
