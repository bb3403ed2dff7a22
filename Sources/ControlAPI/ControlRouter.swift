import EnrollCore
import Foundation
import Hummingbird
import Logging

/// Builds the routers of the two listeners. The Unix socket serves the API to `enrollctl`
/// and local tools; the loopback listener serves the same API plus `/metrics` and the
/// kiosk UI for the browser on this machine.
public struct ControlRouter: Sendable {
    private let status: any StatusProvider
    private let metrics: MetricsEndpoint
    private var cameras: (any CameraTester)?

    public init(status: any StatusProvider, metrics: MetricsEndpoint) {
        self.status = status
        self.metrics = metrics
    }

    /// The same routers, with `POST /v1/cameras/test` on the socket answered by `cameras`.
    public func adding(cameras: any CameraTester) -> ControlRouter {
        var router = self
        router.cameras = cameras
        return router
    }

    /// The router for the Unix socket.
    public func socketRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: MetricsMiddleware())
        addAPI(to: router)
        // Socket only: the test can return a photo, so only the enrolld group (technicians)
        // may ask, never a web page in the kiosk browser.
        if let cameras { addCameraTest(cameras, to: router) }
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
    }

    private func addCameraTest(_ cameras: any CameraTester, to router: Router<BasicRequestContext>) {
        router.post("v1/cameras/test") { request, _ -> CameraTestReport in
            let body = try await request.body.collect(upTo: 4096)
            var test = CameraTestRequest()
            if body.readableBytes > 0 {
                do {
                    test = try JSONDecoder().decode(CameraTestRequest.self, from: Data(body.readableBytesView))
                } catch {
                    throw HTTPError(.badRequest, message: "expected {\"camera\": id, \"seconds\": 1-10, \"still\": bool}")
                }
            }
            test.seconds = min(max(test.seconds, 1), 10)
            do {
                return try await cameras.test(test)
            } catch let unavailable as CameraTestUnavailable {
                throw HTTPError(.notFound, message: unavailable.reason)
            }
        }
    }
}
