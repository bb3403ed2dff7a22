import AsyncHTTPClient
import EnrollCore
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The uploader's HTTPS client: async-http-client with the kiosk's client certificate,
/// trusting only the configured CA. Chosen over a hand-written NIO client because its
/// connection pool, TLS handling and time-outs are already proven (see README, "Sync").
public final class HTTPIngestTransport: IngestTransport {
    private let client: HTTPClient
    private let endpoint: String
    /// `<url>/v1/audit`.
    private let auditEndpoint: String
    /// `<url>/v1/devices/`, completed with the device id and `/head`.
    private let devicesEndpoint: String
    private let readTimeout: TimeAmount
    /// The whole exchange: connect, send, the answer's headers and its body.
    private let overall: Duration
    /// Largest answer read: 1,000 results of a few hundred bytes each, with margin.
    private static let maximumReplyBytes = 4 << 20

    /// When this kiosk's client certificate (the first in its file) stops being valid, Unix
    /// seconds: the server refuses the kiosk from then on, so it is watched ahead of time.
    public let certificateExpiry: Int64?
    public let certificateWindow: CertificateWindow?

    /// Throws `SyncSetupError` naming the key and file when a TLS file is unusable.
    public init(settings: SyncSettings) throws {
        let (tls, expiry, window) = try Self.tlsSetUp(settings)
        certificateExpiry = expiry
        certificateWindow = window
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            timeout: .init(connect: .milliseconds(settings.connectTimeoutMilliseconds), read: .milliseconds(settings.readTimeoutMilliseconds)))
        configuration.redirectConfiguration = .disallow
        configuration.httpVersion = .http1Only
        client = HTTPClient(eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton), configuration: configuration)
        var base = settings.url
        while base.hasSuffix("/") { base.removeLast() }
        endpoint = base + "/v1/records"
        auditEndpoint = base + "/v1/audit"
        devicesEndpoint = base + "/v1/devices/"
        readTimeout = .milliseconds(settings.readTimeoutMilliseconds)
        overall = .milliseconds(settings.connectTimeoutMilliseconds + 2 * settings.readTimeoutMilliseconds)
    }

    /// The client's TLS set-up from the files `settings` names, and the client
    /// certificate's expiry; throws `SyncSetupError`. Also what `enrolld --check-config`
    /// runs, so a file that would stop sync fails the check.
    public static func tlsConfiguration(_ settings: SyncSettings) throws(SyncSetupError) -> (TLSConfiguration, certificateExpiry: Int64?) {
        let (tls, expiry, _) = try tlsSetUp(settings)
        return (tls, expiry)
    }

    private static func tlsSetUp(_ settings: SyncSettings) throws(SyncSetupError) -> (TLSConfiguration, Int64?, CertificateWindow?) {
        // Read now, not at the first connection (see `TLSFiles`).
        let files = try TLSFiles.load(settings)
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(files.trustRoots)
        tls.certificateChain = files.chain.map { .certificate($0) }
        tls.privateKey = .privateKey(files.key)
        tls.minimumTLSVersion = .tlsv12
        // A key that does not belong to the certificate would fail every handshake: the
        // context BoringSSL builds from the pair refuses it here.
        do { _ = try NIOSSLContext(configuration: tls) } catch {
            throw SyncSetupError(key: "central.client_key", path: settings.clientKey,
                                 reason: "does not go with the certificate in central.client_certificate (\(settings.clientCertificate))")
        }
        return (tls, files.chain.first.map { Int64($0.notValidAfter) }, files.window)
    }

    /// Reads and checks the TLS files as `init` would, without a client: for
    /// `enrolld --check-config`.
    public static func checkTLSFiles(_ settings: SyncSettings) throws(SyncSetupError) {
        _ = try tlsConfiguration(settings)
    }

    public func post(batch: [UInt8]) async throws -> IngestResponse {
        var request = HTTPClientRequest(url: endpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/vnd.enrolld.records")
        request.body = .bytes(ByteBuffer(bytes: batch))
        let client = client, timeout = readTimeout + readTimeout, prepared = request
        return try await withDeadline(overall) {
            let response = try await client.execute(prepared, timeout: timeout)
            let body = try await response.body.collect(upTo: Self.maximumReplyBytes)
            return IngestResponse(status: Int(response.status.code), retryAfter: response.headers.first(name: "Retry-After"),
                                  body: Array(body.readableBytesView))
        }
    }

    public func postAudit(batch: [UInt8]) async throws -> IngestResponse {
        var request = HTTPClientRequest(url: auditEndpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: AuditBatch.mediaType)
        request.body = .bytes(ByteBuffer(bytes: batch))
        let client = client, timeout = readTimeout, prepared = request
        return try await withDeadline(overall) {
            let response = try await client.execute(prepared, timeout: timeout)
            // The answer is a head or an error: small.
            let body = try await response.body.collect(upTo: DeviceHeadAnswer.maximumBytes)
            return IngestResponse(status: Int(response.status.code), retryAfter: response.headers.first(name: "Retry-After"),
                                  body: Array(body.readableBytesView))
        }
    }

    public func head(deviceID: String) async throws -> IngestResponse {
        // Only hex reaches the path: the id comes from the kiosk's own key, never from input.
        guard !deviceID.isEmpty, deviceID.allSatisfy(\.isHexDigit) else { throw HeadRequestError(deviceID: deviceID) }
        let request = HTTPClientRequest(url: devicesEndpoint + deviceID + "/head")
        let client = client, timeout = readTimeout
        return try await withDeadline(overall) {
            let response = try await client.execute(request, timeout: timeout)
            let body = try await response.body.collect(upTo: DeviceHeadAnswer.maximumBytes)
            return IngestResponse(status: Int(response.status.code), retryAfter: response.headers.first(name: "Retry-After"),
                                  body: Array(body.readableBytesView))
        }
    }

    /// Starts closing the client and returns at once: async-http-client's shutdown waits for
    /// a connection still in its TLS handshake, and against a server that accepts and never
    /// answers that is the whole connect time-out, which a SIGTERM must not wait for. The
    /// started shutdown keeps the client alive until it is done (or the process exits).
    public func shutdown() async {
        let client = client
        Task { try? await client.shutdown() }
    }
}

/// A device id that is not hex was asked for; nothing was sent.
struct HeadRequestError: Error, CustomStringConvertible {
    let deviceID: String
    var description: String { "not a device id: \(deviceID.prefix(40))" }
}
