import EventLog
import Foundation
import Logging
import Metrics
import ServiceLifecycle

/// Watches the kiosk's TLS client certificate: once it has expired the central server
/// refuses every upload, records pile up and the queue fills until enrolling stops. A
/// renewal needs a technician on site, so it is announced `warningDays` ahead, in the
/// journal (then daily) and as a gauge central IT can alert on.
struct CertificateExpiryWatch: Service {
    let expiry: Int64
    let logger: Logger
    var warningDays: Int64 = 30
    var period: Duration = .seconds(86_400)
    var now: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }

    let gauge = Gauge(label: "enrolld_client_certificate_expiry_timestamp_seconds")

    func run() async throws {
        gauge.record(expiry)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            check()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: period) }
        }
    }

    /// Journals the coming (or past) expiry when it is within the warning period.
    func check() {
        let left = expiry - now()
        guard left < warningDays * 86_400 else { return }
        let days = left / 86_400
        let message = left <= 0
            ? "This kiosk's TLS client certificate has expired; the central server refuses its uploads"
            : "This kiosk's TLS client certificate expires in \(days) day(s); renew it before then"
        logger.log(.clientCertificateExpiring, "\(message)", metadata: ["certificate.expires": "\(expiry)"])
    }
}
