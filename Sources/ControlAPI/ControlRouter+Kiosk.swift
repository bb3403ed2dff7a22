extension ControlRouter {
    /// The same routers, with the loopback listener serving the kiosk UI at `/` (or, when
    /// its folder could not be loaded, a page saying so). The Unix socket never serves it.
    public func adding(kiosk: Result<KioskAssets, KioskAssetsError>?) -> ControlRouter {
        var router = self
        router.kiosk = kiosk
        return router
    }
}
