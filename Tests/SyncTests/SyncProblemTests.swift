#if canImport(Glibc)
import Glibc
#endif
import AsyncHTTPClient
import EventLog
import NIOCore
import NIOSSL
import Sync
import Testing

/// The words a technician reads in `enrollctl sync` and the journal for each common
/// failure: plain, naming the configuration key, never the library's own text. The TLS
/// cases are proved against the real receiver in `UploaderRefusalTests`.
struct SyncProblemTests {
    static let server = "https://ingest.example:8443"

    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let error: @Sendable () -> any Error
        let words: [String]
        let event: CatalogEvent
        var description: String { name }
    }

    static let transportCases: [Case] = [
        Case(name: "refused", error: { IOError(errnoCode: ECONNREFUSED, reason: "connection reset (error set)") },
             words: ["refuses connections", "central.url", SyncProblemTests.server], event: .syncFailing),
        Case(name: "no route", error: { IOError(errnoCode: EHOSTUNREACH, reason: "connect") }, words: ["no network route", "central.url"], event: .syncFailing),
        Case(name: "reset", error: { IOError(errnoCode: ECONNRESET, reason: "read") }, words: ["closed the connection"], event: .syncFailing),
        Case(name: "connect time-out", error: { HTTPClientError.connectTimeout }, words: ["central.connect_timeout_seconds"], event: .syncFailing),
        Case(name: "read time-out", error: { HTTPClientError.readTimeout }, words: ["central.read_timeout_seconds"], event: .syncFailing),
        Case(name: "deadline", error: { HTTPClientError.deadlineExceeded }, words: ["central.read_timeout_seconds"], event: .syncFailing),
        Case(name: "closed early", error: { HTTPClientError.remoteConnectionClosed }, words: ["closed the connection"], event: .syncFailing),
        Case(name: "DNS", error: { SocketAddressError.unknown(host: "ingest.example", port: 8443) }, words: ["does not resolve", "central.url"], event: .syncFailing),
        Case(name: "host name", error: { NIOSSLExtraError.failedToValidateHostname }, words: ["does not name the host", "central.url"], event: .centralTrustFailing),
        Case(name: "handshake", error: { NIOSSLError.handshakeFailed(.sslError([])) }, words: ["TLS handshake", "central.ca_file", "central.client_certificate"],
             event: .centralTrustFailing),
        Case(name: "unknown", error: { HostileError() }, words: ["could not be reached", "central.url"], event: .syncFailing),
    ]

    @Test(arguments: transportCases)
    func aTransportFailureIsPlainWordsNamingTheKey(_ item: Case) {
        let problem = SyncProblem.transport(item.error(), server: Self.server)
        for word in item.words { #expect(problem.text.contains(word), "\(problem.text)") }
        #expect(problem.event == item.event)
        // None of the libraries' raw texts reaches the technician.
        for raw in ["errno", "error set", "IOError", "HTTPClientError", "NIOSSL", "sslError", "checkouts", "secret-detail"] {
            #expect(!problem.text.contains(raw), "\(problem.text)")
        }
    }

    @Test func http403SaysTheServerDoesNotKnowThisKioskAndWhatToDo() {
        let problem = SyncProblem.http(status: 403, detail: "client certificate is not registered to a device")
        #expect(problem.text.contains("the central server does not know this kiosk (not registered or revoked)"))
        #expect(problem.text.contains("enrollctl key show"))
        #expect(problem.event == .centralTrustFailing)
    }

    @Test(arguments: [(404, "central.url"), (413, "central.batch_mib"), (429, "busy"), (503, "busy"), (500, "central IT"), (400, "HTTP 400")])
    func otherStatusesNameTheirCause(status: Int, word: String) {
        let problem = SyncProblem.http(status: status, detail: nil)
        #expect(problem.text.contains(word), "\(problem.text)")
        #expect(problem.text.contains("HTTP \(status)"))
        #expect(problem.event == .syncFailing)
    }

    /// The server's detail is another machine's text: control characters, escape sequences
    /// and non-ASCII are dropped, and it is cut short.
    @Test(arguments: ["\u{1B}[2J\u{1B}[31mred\r\nline", String(repeating: "x", count: 100_000), "\u{0}\u{7F}\u{202E}evil", ""])
    func aHostileServerDetailIsShownPlainAndShort(_ detail: String) {
        let problem = SyncProblem.http(status: 400, detail: detail)
        #expect(problem.text.count < 300, "\(problem.text.count)")
        #expect(!problem.text.unicodeScalars.contains { $0.value < 0x20 || $0.value >= 0x7F })
    }
}

/// An error no mapping knows, whose own text must not be shown.
struct HostileError: Error, CustomStringConvertible {
    var description: String { "secret-detail at /work/main/.build/checkouts/x.swift:1" }
}
