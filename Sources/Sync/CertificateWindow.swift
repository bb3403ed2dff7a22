import Foundation

/// When the kiosk's own TLS certificates say the time must lie, Unix seconds: not before
/// the latest start of any of them (the CA in `central.ca_file` and the kiosk's client
/// certificate chain), and not after the CA's end. BoringSSL reports a server certificate
/// that is "not yet valid" or "expired" by the kiosk's clock exactly like one signed by
/// another CA; a kiosk whose clock battery died wakes up in 2000 and refuses the
/// centre for a reason no technician would guess from that text.
public struct CertificateWindow: Sendable, Equatable {
    public let validFrom: Int64
    public let caValidUntil: Int64

    public init(validFrom: Int64, caValidUntil: Int64) {
        self.validFrom = validFrom
        self.caValidUntil = caValidUntil
    }

    /// Why the kiosk's clock alone fails the server's certificate, or nil when the clock
    /// lies inside the window (then the CA really does not match).
    public func clockProblem(nowMilliseconds: Int64) -> String? {
        let now = nowMilliseconds / 1000
        if now < validFrom {
            return "this kiosk's clock says \(Self.date(now)), before its own TLS certificates were issued (\(Self.date(validFrom))): "
                + "the clock is wrong, so no certificate looks valid; set it (timedatectl; check the time server) and sync resumes by itself"
        }
        if now > caValidUntil {
            return "by this kiosk's clock (\(Self.date(now))) the CA in central.ca_file expired on \(Self.date(caValidUntil)): "
                + "if the clock is right, install the centre's new CA file; if not, set the clock (timedatectl)"
        }
        return nil
    }

    /// `2026-12-01 01:40 UTC`: minutes are enough to see a clock is wrong.
    public static func date(_ seconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
