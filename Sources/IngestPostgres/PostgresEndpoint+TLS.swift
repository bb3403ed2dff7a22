import Foundation
import NIOSSL

extension PostgresEndpoint {
    /// The client TLS configuration for `.verifyFull`, nil for plain TCP. Files are read
    /// here, at start, so a wrong path is reported once by name instead of as a handshake
    /// failure on every pooled connection.
    func tlsConfiguration() throws(PostgresConnectionError) -> TLSConfiguration? {
        guard case .verifyFull(let caFile, let client) = security else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        // Chain to the operator's CA only (not the system store), and the host name: a
        // certificate from the same CA for another server must not do.
        tls.trustRoots = .certificates(try Self.certificates(caFile, what: "CA file"))
        tls.certificateVerification = .fullVerification
        tls.minimumTLSVersion = .tlsv12
        if let client {
            tls.certificateChain = try Self.certificates(client.certificateFile, what: "client certificate").map { .certificate($0) }
            tls.privateKey = .privateKey(try Self.privateKey(client.keyFile))
        }
        // Builds the context now: a key that does not belong to the certificate fails here.
        do { _ = try NIOSSLContext(configuration: tls) } catch {
            let files = client.map { "the client certificate \($0.certificateFile) and key \($0.keyFile) (do they belong together?)" } ?? "the CA file \(caFile)"
            throw PostgresConnectionError(.unreadableFile, "cannot set up TLS to PostgreSQL with \(files): \(error)")
        }
        return tls
    }

    static func read(_ path: String, what: String) throws(PostgresConnectionError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw PostgresConnectionError(.unreadableFile, "cannot read the PostgreSQL \(what) \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw PostgresConnectionError(.unreadableFile, "the PostgreSQL \(what) \(path) is not a regular file")
        }
        // PEM files of a few certificates are kilobytes; a limit keeps a wrong path (a log,
        // a device) from being read whole.
        guard info.st_size <= 1 << 20 else { throw PostgresConnectionError(.unreadableFile, "the PostgreSQL \(what) \(path) is over 1 MiB: not a PEM file") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: false)
        guard let data = try? handle.readToEnd() else {
            throw PostgresConnectionError(.unreadableFile, "cannot read the PostgreSQL \(what) \(path): \(String(cString: strerror(errno)))")
        }
        return Array(data)
    }

    static func certificates(_ path: String, what: String) throws(PostgresConnectionError) -> [NIOSSLCertificate] {
        let bytes = try read(path, what: what)
        guard let certificates = try? NIOSSLCertificate.fromPEMBytes(bytes), !certificates.isEmpty else {
            throw PostgresConnectionError(.unreadableFile, "the PostgreSQL \(what) \(path) holds no PEM certificate")
        }
        return certificates
    }

    static func privateKey(_ path: String) throws(PostgresConnectionError) -> NIOSSLPrivateKey {
        var info = stat()
        // As libpq: a key others may read is not private any more; say so before using it.
        // Owned by root it may be group-readable (root:service-group 0640), else 0600 at most.
        if stat(path, &info) == 0, info.st_mode & (info.st_uid == 0 ? 0o037 : 0o077) != 0 {
            throw PostgresConnectionError(.unreadableFile, "the PostgreSQL client key \(path) can be read by other users (mode \(String(info.st_mode & 0o777, radix: 8))): chmod 600 it (or 640, owned by root)")
        }
        let bytes = try read(path, what: "client key")
        guard let key = try? NIOSSLPrivateKey(bytes: bytes, format: .pem) else {
            throw PostgresConnectionError(.unreadableFile, "the PostgreSQL client key \(path) is not an unencrypted PEM private key")
        }
        return key
    }
}
