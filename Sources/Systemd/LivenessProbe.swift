/// Something whose loop the watchdog must see alive before it pings systemd: an event
/// loop, a device thread, the store's writer. A probe answers by running a trivial job on
/// that loop, so a wedged loop stops the pings and systemd restarts the daemon.
public protocol LivenessProbe: Sendable {
    /// A short name for the journal, e.g. `api.http`.
    var name: String { get }
    /// Returns once the loop has run a no-op job; throws if it cannot.
    func probe() async throws
}
