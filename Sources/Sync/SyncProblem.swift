#if canImport(Glibc)
import Glibc
#endif
import AsyncHTTPClient
import EventLog
import NIOCore
import NIOPosix
import NIOSSL

/// A failed exchange with the central server in a technician's words: what went wrong and
/// which configuration key to look at, with the catalog entry it is journalled under. The
/// libraries' own texts (a BoringSSL error stack with source paths, "connection reset (error
/// set)", an errno) mean nothing on site: they go to the debug log only. No text here ever
/// carries a record's contents: only statuses, sequence numbers and configuration keys.
public struct SyncProblem: Equatable, Sendable, CustomStringConvertible {
    public let text: String
    public let event: CatalogEvent

    init(_ text: String, _ event: CatalogEvent = .syncFailing) {
        self.text = text
        self.event = event
    }

    public var description: String { text }

    /// The central server answered HTTP 403: its registrations hold no kiosk with this
    /// client certificate (never registered, or revoked).
    static let unknownKiosk = SyncProblem(
        "the central server does not know this kiosk (not registered or revoked): give central IT the output of `enrollctl key show` (HTTP 403)",
        .centralTrustFailing)

    /// A transport failure (no HTTP answer): refused, unreachable, timed out, TLS.
    /// `clock`: the kiosk's certificate window and its clock (Unix ms), to say when a
    /// server certificate is refused because the clock, not the CA, is wrong.
    public static func transport(_ error: any Error, server: String, clock: (CertificateWindow, Int64)? = nil) -> SyncProblem {
        if let error = error as? IOError { return errno(error.errnoCode, server: server) }
        if let error = error as? NIOConnectionError {
            if error.dnsAError != nil || error.dnsAAAAError != nil { return unresolved(server) }
            if let first = error.connectionErrors.first?.error { return transport(first, server: server, clock: clock) }
            return unreachable(server)
        }
        if error is SocketAddressError || error is SocketAddressError.UnknownHost { return unresolved(server) }
        if let error = error as? HTTPClientError {
            if error == .connectTimeout {
                return SyncProblem("the central server at \(server) did not answer a connection within central.connect_timeout_seconds: the network, a firewall, or the address in central.url")
            }
            if error == .readTimeout || error == .deadlineExceeded || error == .writeTimeout {
                return SyncProblem("the central server at \(server) did not answer in time (central.read_timeout_seconds): it or the network is overloaded")
            }
            if error == .remoteConnectionClosed {
                return SyncProblem("the central server at \(server) closed the connection before answering")
            }
            if error == .tlsHandshakeTimeout {
                return SyncProblem("the TLS handshake with \(server) did not finish in time: the network, or central.url names a port that is not the central server's")
            }
        }
        if error is DeadlineExceeded {
            return SyncProblem("the central server at \(server) sent no complete answer in time (central.read_timeout_seconds)")
        }
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            return tls("\(error)", extra: error as? NIOSSLExtraError, server: server, clock: clock)
        }
        return unreachable(server)
    }

    /// An HTTP answer other than 200 to a batch or a head check. `detail` is the server's
    /// own short reason, when it gave one.
    public static func http(status: Int, detail: String?) -> SyncProblem {
        let said = detail.map(plain).flatMap { $0.isEmpty ? nil : " (\($0))" } ?? ""
        switch status {
        case 403: return unknownKiosk
        case 404: return SyncProblem("there is no enrolld receiver at central.url: check the URL (HTTP 404)")
        case 413: return SyncProblem("the central server refused a batch as too large: lower central.batch_mib or central.batch_records (HTTP 413)")
        case 429, 503: return SyncProblem("the central server is busy or briefly unavailable (HTTP \(status)\(said))")
        case 500...599: return SyncProblem("the central server failed on its side; central IT must look at its log (HTTP \(status)\(said))")
        default: return SyncProblem("the central server refused the request (HTTP \(status)\(said))")
        }
    }

    /// A receipt the kiosk could not verify: whose fault it is decides the words.
    static func receiptRefused(sequence: UInt64, signedByConfiguredKey: Bool) -> SyncProblem {
        if !signedByConfiguredKey {
            return SyncProblem(
                "the receipt for record \(sequence) is not signed by the key in central.receipt_public_key (nor central.other_receipt_public_key): "
                    + "check that key against the one central IT gave; the record stays queued", .receiptRejected)
        }
        return SyncProblem("the central server's receipt for record \(sequence) names another record; the record stays queued (central IT: check the receiver)",
                           .receiptRejected)
    }

    private static func errno(_ code: Int32, server: String) -> SyncProblem {
        switch code {
        case ECONNREFUSED:
            return SyncProblem("the central server at \(server) refuses connections: it is down, or central.url names the wrong host or port")
        case EHOSTUNREACH, ENETUNREACH, ENETDOWN, EHOSTDOWN:
            return SyncProblem("no network route to the central server at \(server): check the kiosk's network (central.url)")
        case ETIMEDOUT:
            return SyncProblem("the central server at \(server) did not answer a connection: the network, a firewall, or the address in central.url")
        case ECONNRESET, EPIPE:
            return SyncProblem("the central server at \(server) closed the connection")
        default:
            return unreachable(server)
        }
    }

    private static func unresolved(_ server: String) -> SyncProblem {
        SyncProblem("the host name in central.url (\(server)) does not resolve: check the URL and the kiosk's DNS")
    }

    private static func unreachable(_ server: String) -> SyncProblem {
        SyncProblem("the central server at \(server) could not be reached (central.url); the debug log has the detail")
    }

    /// BoringSSL names the alert the server sent, or why this side refused the server: the
    /// reason codes are stable across versions, the rest of the text is not.
    private static func tls(_ raw: String, extra: NIOSSLExtraError?, server: String, clock: (CertificateWindow, Int64)?) -> SyncProblem {
        if let extra, extra == NIOSSLExtraError.failedToValidateHostname {
            return SyncProblem("the central server's certificate does not name the host in central.url (\(server))", .centralTrustFailing)
        }
        let code = raw.uppercased()
        if code.contains("ALERT_CERTIFICATE_EXPIRED") {
            return SyncProblem("the central server refused this kiosk's TLS client certificate as expired: renew central.client_certificate (scripts/provision-issue)",
                               .centralTrustFailing)
        }
        if code.contains("ALERT_UNKNOWN_CA") {
            return SyncProblem("the central server does not accept this kiosk's TLS client certificate: it was not issued by the central CA (central.client_certificate)",
                               .centralTrustFailing)
        }
        if code.contains("CERTIFICATE_VERIFY_FAILED") {
            if let (window, now) = clock, let problem = window.clockProblem(nowMilliseconds: now) {
                return SyncProblem("the central server's certificate cannot be checked: \(problem)", .centralTrustFailing)
            }
            return SyncProblem("the central server's certificate is not signed by the CA in central.ca_file, or has expired (central.url: \(server))",
                               .centralTrustFailing)
        }
        if code.contains("WRONG_VERSION_NUMBER") || code.contains("HTTP_REQUEST") {
            return SyncProblem("the server at central.url (\(server)) does not speak TLS: check the URL's scheme and port", .centralTrustFailing)
        }
        if code.contains("CERTIFICATE") || code.contains("ALERT_ACCESS_DENIED") || code.contains("HANDSHAKE_FAILURE") {
            return SyncProblem("the central server refused this kiosk's TLS client certificate (central.client_certificate, central.client_key)", .centralTrustFailing)
        }
        return SyncProblem("the TLS handshake with the central server at \(server) failed: check central.ca_file, central.client_certificate and central.client_key",
                           .centralTrustFailing)
    }

    /// The server's own reason, shown only as printable ASCII and short: it is another
    /// machine's text in the technician's terminal.
    static func plain(_ text: String) -> String {
        var kept = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where scalar.value >= 0x20 && scalar.value < 0x7F {
            kept.append(scalar)
            if kept.count == 120 { break }
        }
        return String(kept)
    }
}
