import AsyncHTTPClient
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

    public init(settings: SyncSettings) throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .file(settings.caFile)
        let chain = try NIOSSLCertificate.fromPEMFile(settings.clientCertificate)
        certificateExpiry = chain.first.map { Int64($0.notValidAfter) }
        tls.certificateChain = chain.map { .certificate($0) }
        tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: settings.clientKey, format: .pem))
        tls.minimumTLSVersion = .tlsv12
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            timeout: .init(connect: .milliseconds(settings.connectTimeoutMilliseconds), read: .milliseconds(settings.readTimeoutMilliseconds)))
        configuration.redirectConfiguration = .disallow
        configuration.httpVersion = .http1Only
        client = HTTPClient(eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton), configuration: configuration)
        var base = settings.url
        while base.hasSuffix("/") { base.removeLast() }
        endpoint = base + "/v1/records"
        devicesEndpoint = base + "/v1/devices/"
        readTimeout = .milliseconds(settings.readTimeoutMilliseconds)
        overall = .milliseconds(settings.connectTimeoutMilliseconds + 2 * settings.readTimeoutMilliseconds)
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

    public func shutdown() async {
        try? await client.shutdown()
    }
}

/// A device id that is not hex was asked for; nothing was sent.
struct HeadRequestError: Error, CustomStringConvertible {
    let deviceID: String
    var description: String { "not a device id: \(deviceID.prefix(40))" }
}
