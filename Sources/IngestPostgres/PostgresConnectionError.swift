/// Why enroll-ingest cannot use its PostgreSQL server, worded for the central operator: the
/// message names the host, port or file at fault and what to do, never the password.
public struct PostgresConnectionError: Error, Sendable, CustomStringConvertible {
    /// What kind of trouble; new kinds may be added later.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable {
            case configuration, unreadableFile, untrustedServerCertificate, hostNameMismatch
            case serverWithoutTLS, clientCertificateRefused, refusedByServer, unreachable
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// Options or URL that cannot work together (or name nothing).
        public static let configuration = Code(.configuration)
        /// A CA, certificate or key file that cannot be read or parsed.
        public static let unreadableFile = Code(.unreadableFile)
        /// The server's certificate does not chain to the CA the operator gave.
        public static let untrustedServerCertificate = Code(.untrustedServerCertificate)
        /// The certificate chains to the CA but does not name the host connected to.
        public static let hostNameMismatch = Code(.hostNameMismatch)
        /// TLS is required and the server does not offer it.
        public static let serverWithoutTLS = Code(.serverWithoutTLS)
        /// The server refused (or demanded and did not get) a client certificate in the handshake.
        public static let clientCertificateRefused = Code(.clientCertificateRefused)
        /// The server answered with an error of its own (authentication, pg_hba, no database).
        public static let refusedByServer = Code(.refusedByServer)
        /// Nothing answered (refused, timed out, name unknown).
        public static let unreachable = Code(.unreachable)

        public var description: String { value.rawValue }
    }

    public let code: Code
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
