import Access
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
    private var gallery: (any GalleryImporter)?
    private var access = AccessParts()
    /// The kiosk UI for the loopback listener (see `adding(kiosk:)`).
    var kiosk: Result<KioskAssets, KioskAssetsError>?
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

    /// The same routers, with `POST /v1/gallery/import` on the socket answered by `gallery`.
    public func adding(gallery: any GalleryImporter) -> ControlRouter {
        var router = self
        router.gallery = gallery
        return router
    }

    /// The same routers, with sessions, logins and operators (docs/sessions.md).
    public func adding(access: AccessParts) -> ControlRouter {
        var router = self
        router.access = access
        return router
    }

    /// The same routers, with `GET /v1/sync` and (socket only) `POST /v1/sync/now`.
    public func adding(sync: any SyncController) -> ControlRouter {
        var router = self
        router.sync = sync
        return router
    }

    /// The router for the Unix socket.
    public func socketRouter() -> Router<ControlContext> {
        socketRoutes().router()
    }

    /// `authenticator` replaces the peer-credential check in tests, which have no socket.
    func socketRoutes(authenticator: (any Authenticating)? = nil) -> Routes {
        var routes = Routes(authenticator: authenticator ?? SocketAuthenticator(peers: access.socketPeers))
        addAPI(to: &routes)
        addSessions(to: &routes)
        if let operators = access.operators {
            OperatorRoutes.addListing(to: &routes, operators: operators)
            OperatorRoutes.addManagement(to: &routes, operators: operators)
        }
        // Socket only: the test can return a photo, so only the enrolld group (technicians)
        // may ask, never a web page in the kiosk browser.
        if let cameras { CameraRoutes.add(to: &routes, cameras: cameras) }
        // Socket only for the same reason: a reader self-test can return a fingerprint image.
        if let readers { ReaderRoutes.add(to: &routes, readers: readers) }
        // Socket only: changes whom the duplicate check finds.
        if let gallery { GalleryRoutes.add(to: &routes, gallery: gallery) }
        if let sync { SyncRoutes.addNow(to: &routes, sync: sync) }
        // Socket only: holds every new enrollment back.
        if let sessions = access.sessions { MaintenanceRoutes.add(to: &routes, sessions: sessions) }
        // Socket only: a technician signs out every self-service station.
        if let control = access.control { StationRoutes.add(to: &routes, access: control) }
        return routes
    }

    /// The router for 127.0.0.1: the API, metrics and the kiosk page.
    public func loopbackRouter() -> Router<ControlContext> {
        let router = loopbackRoutes().router()
        // Added after every route, so it sees only the requests no route took.
        if let kiosk { router.add(middleware: KioskFileMiddleware(assets: kiosk)) }
        return router
    }

    func loopbackRoutes() -> Routes {
        var authenticator: any Authenticating = NoAuthentication()
        if let control = access.control {
            authenticator = LoopbackAuthenticator(access: control, origins: LoopbackAuthenticator.origins(port: access.httpPort))
        }
        var routes = Routes(authenticator: authenticator)
        routes.checksLoopbackHost = true
        addAPI(to: &routes)
        let metrics = self.metrics
        routes.add(.get, "metrics", access: .public) { _, _ in metrics.response() }
        if let control = access.control, let loopback = authenticator as? LoopbackAuthenticator {
            AuthRoutes.add(to: &routes, access: control, authenticator: loopback)
        }
        addSessions(to: &routes)
        if let operators = access.operators { OperatorRoutes.addListing(to: &routes, operators: operators) }
        return routes
    }

    private func addSessions(to routes: inout Routes) {
        guard let sessions = access.sessions else { return }
        SessionRoutes.add(to: &routes, sessions: sessions, approvals: access.control)
    }

    private func addAPI(to routes: inout Routes) {
        let status = self.status
        routes.add(.get, "v1/status", access: .public) { _, _ in await status.currentStatus() }
        routes.add(.get, "v1/devices", access: .public) { _, _ in DeviceList(devices: await status.devices()) }
        if let sync { SyncRoutes.addStatus(to: &routes, sync: sync) }
        guard let records else { return }
        routes.add(.get, "v1/queue", access: .public) { _, _ in await records.queueStatus() }
        routes.add(.get, "v1/key", access: .public) { _, _ -> DeviceKeyInfo in
            guard let key = await records.deviceKey() else {
                throw HTTPError(.serviceUnavailable, message: "the device key could not be loaded; see the journal")
            }
            return key
        }
        // Public like the key itself: the request holds only the public key and device id.
        routes.add(.get, "v1/key/csr", access: .public) { _, _ -> Response in
            guard let pem = await records.certificateRequest() else {
                throw HTTPError(.serviceUnavailable, message: "the device key could not be loaded; see the journal")
            }
            return Response(status: .ok, headers: [.contentType: "application/pkcs10"], body: .init(byteBuffer: ByteBuffer(string: pem)))
        }
    }
}
