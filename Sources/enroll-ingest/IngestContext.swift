import Crypto
import Hummingbird
import NIOCore
import NIOSSL

/// The request context of enroll-ingest: Hummingbird's core storage plus the connection,
/// whose TLS handler knows the client certificate the handshake verified.
struct IngestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// SHA-256 of the client certificate's SubjectPublicKeyInfo, nil without one. The TLS
    /// handler may only be read on its event loop.
    func clientKeyHash() async -> [UInt8]? {
        let channel = self.channel
        return try? await channel.eventLoop.submit { () throws -> [UInt8]? in
            let handler = try channel.pipeline.syncOperations.handler(type: NIOSSLServerHandler.self)
            guard let certificate = handler.peerCertificate else { return nil }
            return Array(SHA256.hash(data: try certificate.extractPublicKey().toSPKIBytes()))
        }.get()
    }
}
