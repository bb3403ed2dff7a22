import EventLog
import Foundation
import Logging
import Metrics
import ServiceLifecycle

/// Watches the kiosk's TLS client certificate: once it has expired the central server
/// refuses every upload, records pile up and the queue fills until enrolling stops. A
/// renewal needs a technician on site, so it is announced `warningDays` ahead, in the
/// journal (then daily) and as a gauge central IT can alert on. Before each daily look the
/// TLS files are compared with those loaded, so a renewal dropped in place is loaded (and
/// its expiry watched) even while nothing is uploaded.
struct CertificateExpiryWatch: Service {
    /// The loaded client certificate's expiry (Unix seconds); it changes with a renewal.
    let expiry: @Sendable () -> Int64?
    let logger: Logger
    /// Loads renewed TLS files (`TLSRenewal.check`); runs before each look.
    var renew: @Sendable () -> Void = {}
    var warningDays: Int64 = 30
    var period: Duration = .seconds(86_400)
    var now: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }

    static let gaugeLabel = "enrolld_client_certificate_expiry_timestamp_seconds"

    /// Sets the gauge; also called when renewed files are loaded between two looks (the
    /// metrics registry hands out the one gauge of this label).
    static func record(expiry: Int64?) {
        if let expiry { Gauge(label: gaugeLabel).record(expiry) }
    }

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            check()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: period) }
        }
    }

    /// Loads renewed files, then journals the coming (or past) expiry when it is within
    /// the warning period.
    func check() {
        renew()
        guard let expiry = expiry() else { return }
        Self.record(expiry: expiry)
        let left = expiry - now()
        guard left < warningDays * 86_400 else { return }
        let days = left / 86_400
        let message = left <= 0
            ? "This kiosk's TLS client certificate has expired; the central server refuses its uploads"
            : "This kiosk's TLS client certificate expires in \(days) day(s); renew it before then"
        logger.log(.clientCertificateExpiring, "\(message)", metadata: ["certificate.expires": "\(expiry)"])
    }
}
