#if canImport(Glibc)
import Glibc
#endif
import Foundation
import NIOSSL

/// The kiosk's TLS material, read and parsed at once: the CA that must have signed the
/// central server's certificate, the kiosk's client certificate chain and its key.
/// NIOSSL's `.file` trust roots are read only at the first connection, so a broken CA
/// file used to surface as a transport error once a record was queued.
public struct TLSFiles: @unchecked Sendable {
    // @unchecked: NIOSSLPrivateKey is a reference to an immutable BoringSSL key; nothing
    // here is changed after `load`.
    public let trustRoots: [NIOSSLCertificate]
    public let chain: [NIOSSLCertificate]
    public let key: NIOSSLPrivateKey

    /// The time the kiosk's own certificates allow (see `CertificateWindow`).
    public var window: CertificateWindow? {
        let all = trustRoots + chain
        guard let from = all.map({ Int64($0.notValidBefore) }).max(),
              let until = trustRoots.map({ Int64($0.notValidAfter) }).min() else { return nil }
        return CertificateWindow(validFrom: from, caValidUntil: until)
    }

    /// PEM files of a few certificates are a few KiB; anything past this is not one.
    static let maximumBytes = 1 << 20

    /// Reads the three files named in `settings`; the first unusable one is thrown, naming
    /// its configuration key and path.
    public static func load(_ settings: SyncSettings) throws(SyncSetupError) -> TLSFiles {
        let roots = try certificates(key: "central.ca_file", path: settings.caFile)
        let chain = try certificates(key: "central.client_certificate", path: settings.clientCertificate)
        let keyBytes = try read(key: "central.client_key", path: settings.clientKey)
        let privateKey: NIOSSLPrivateKey
        do { privateKey = try NIOSSLPrivateKey(bytes: keyBytes, format: .pem) } catch {
            throw SyncSetupError(key: "central.client_key", path: settings.clientKey, reason: "not a PEM private key")
        }
        return TLSFiles(trustRoots: roots, chain: chain, key: privateKey)
    }

    static func certificates(key: String, path: String) throws(SyncSetupError) -> [NIOSSLCertificate] {
        let bytes = try read(key: key, path: path)
        let parsed: [NIOSSLCertificate]
        do { parsed = try NIOSSLCertificate.fromPEMBytes(bytes) } catch {
            throw SyncSetupError(key: key, path: path, reason: "not a PEM certificate file")
        }
        guard !parsed.isEmpty else { throw SyncSetupError(key: key, path: path, reason: "holds no PEM certificate") }
        return parsed
    }

    /// The file's bytes: a regular file of at most `maximumBytes`, readable by this process.
    static func read(key: String, path: String) throws(SyncSetupError) -> [UInt8] {
        guard !path.isEmpty else { throw SyncSetupError(key: key, path: path, reason: "not set, but central.url is") }
        // O_NONBLOCK: a FIFO in the file's place cannot stall the start.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            let code = errno
            let reason = code == ENOENT ? "no such file" : code == EACCES ? "not readable by this user (permission denied)" : String(cString: strerror(code))
            throw SyncSetupError(key: key, path: path, reason: reason)
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw SyncSetupError(key: key, path: path, reason: "not a regular file")
        }
        let data: Data
        do { data = try handle.read(upToCount: maximumBytes + 1) ?? Data() } catch {
            throw SyncSetupError(key: key, path: path, reason: "cannot be read: \(error.localizedDescription)")
        }
        guard data.count <= maximumBytes else { throw SyncSetupError(key: key, path: path, reason: "larger than \(maximumBytes) bytes: not a PEM file") }
        guard !data.isEmpty else { throw SyncSetupError(key: key, path: path, reason: "empty") }
        return Array(data)
    }
}
