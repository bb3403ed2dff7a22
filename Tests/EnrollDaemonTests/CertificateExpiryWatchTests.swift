import EventLog
import Logging
import Synchronization
import Testing
import TestSupport
@testable import EnrollDaemon

/// The TLS client certificate's expiry is journalled 30 days ahead, then daily.
@Suite struct CertificateExpiryWatchTests {
    let now: Int64 = 1_800_000_000
    let day: Int64 = 86_400

    func journalled(expiringIn seconds: Int64) -> [String] {
        let log = KeptLog()
        let now = now
        CertificateExpiryWatch(expiry: { now + seconds }, logger: log.logger("test"), now: { now }).check()
        return log.messages(withID: CatalogEvent.clientCertificateExpiring.messageID)
    }

    @Test func silentWhileFarAwayThenDaysLeftThenExpired() {
        #expect(journalled(expiringIn: 60 * day).isEmpty)
        #expect(journalled(expiringIn: 30 * day).isEmpty)
        #expect(journalled(expiringIn: 30 * day - 1) == ["This kiosk's TLS client certificate expires in 29 day(s); renew it before then"])
        #expect(journalled(expiringIn: 3 * day + 5) == ["This kiosk's TLS client certificate expires in 3 day(s); renew it before then"])
        #expect(journalled(expiringIn: 0) == ["This kiosk's TLS client certificate has expired; the central server refuses its uploads"])
        #expect(journalled(expiringIn: -400 * day).count == 1)
    }

    /// The daily look first loads renewed TLS files, then judges the expiry of the files
    /// loaded: a certificate renewed in place silences the warning without a restart.
    @Test func theDailyLookLoadsRenewedFilesBeforeJudgingTheExpiry() {
        let log = KeptLog()
        let now = now, day = day
        let loaded = Mutex(now + 3 * day)
        let watch = CertificateExpiryWatch(expiry: { loaded.withLock { $0 } }, logger: log.logger("test"),
                                           renew: { loaded.withLock { $0 = now + 825 * day } }, now: { now })
        watch.check()
        #expect(log.messages(withID: CatalogEvent.clientCertificateExpiring.messageID).isEmpty, "\(log.messages)")
        #expect(loaded.withLock { $0 } == now + 825 * day)
    }
}
