import Foundation

/// Where enroll-ingest's PostgreSQL server is and how the link to it is protected: TLS with
/// the server certificate checked against the operator's CA file and the host name checked
/// (libpq's `verify-full`), optionally with a client certificate; plain TCP only to a
/// loopback host or when the operator asks for it by name. Records are sealed and signed
/// either way, but the receipts, the metadata and the password are not.
public struct PostgresEndpoint: Sendable, Equatable {
    public let host: String
    public let port: Int
    public let user: String
    public let database: String
    /// From the URL unless given apart (a password file or `PGPASSWORD`).
    public let password: String?
    public let security: Security

    public enum Security: Sendable, Equatable {
        /// Plain TCP: a loopback host, or the operator's explicit `--postgres-insecure-plaintext`.
        case plaintext
        /// TLS required; the server certificate must chain to `caFile` and name the host.
        case verifyFull(caFile: String, client: ClientCertificate?)
    }

    /// A certificate and key the server may ask for (pg_hba `cert`, or `clientcert=verify-full`).
    public struct ClientCertificate: Sendable, Equatable {
        public let certificateFile: String
        public let keyFile: String

        public init(certificateFile: String, keyFile: String) {
            self.certificateFile = certificateFile
            self.keyFile = keyFile
        }
    }

    /// The TLS settings as options give them; the same four may be in the URL instead
    /// (`sslrootcert`, `sslcert`, `sslkey`, `sslmode`), libpq's names.
    public struct Options: Sendable, Equatable {
        public var caFile: String?
        public var clientCertificate: String?
        public var clientKey: String?
        /// Plain TCP to a host that is not loopback: the password and receipts in the clear.
        public var insecurePlaintext = false

        public init(caFile: String? = nil, clientCertificate: String? = nil, clientKey: String? = nil, insecurePlaintext: Bool = false) {
            self.caFile = caFile
            self.clientCertificate = clientCertificate
            self.clientKey = clientKey
            self.insecurePlaintext = insecurePlaintext
        }
    }

    /// `url`: postgres://user[:password]@host[:port]/database[?sslmode=…&sslrootcert=…&sslcert=…&sslkey=…].
    /// `password`, when given, wins over one in the URL: a URL on the command line is
    /// readable by every local user in /proc.
    public init(url: String, password: String? = nil, options: Options = Options()) throws(PostgresConnectionError) {
        guard let parts = URLComponents(string: url), parts.scheme == "postgres" || parts.scheme == "postgresql",
              let rawHost = parts.host, !rawHost.isEmpty, let user = parts.user, !user.isEmpty, parts.path.count > 1
        else { throw Self.configuration("expected postgres://user@host[:port]/database") }
        // DNS allows 253 characters; a longer "host" is a mistake, and would flood the messages.
        guard rawHost.utf8.count <= 255 else { throw Self.configuration("the host name is longer than 253 characters") }
        host = rawHost.hasPrefix("[") && rawHost.hasSuffix("]") ? String(rawHost.dropFirst().dropLast()) : rawHost
        port = parts.port ?? 5432
        guard (1...65_535).contains(port) else { throw Self.configuration("port \(port) is not a TCP port") }
        self.user = user
        database = String(parts.path.dropFirst())
        self.password = password ?? parts.password
        security = try Self.security(host: host, merged: try Self.merge(parts.queryItems ?? [], into: options))
    }

    /// The URL's TLS parameters folded into the options; the same setting given both ways
    /// differently is refused rather than one silently winning.
    static func merge(_ items: [URLQueryItem], into options: Options) throws(PostgresConnectionError) -> (Options, sslmode: String?) {
        var merged = options
        var sslmode: String?
        for item in items {
            guard let value = item.value, !value.isEmpty else { throw configuration("URL parameter \(item.name) has no value") }
            func set(_ field: WritableKeyPath<Options, String?>, option: String) throws(PostgresConnectionError) {
                if let given = merged[keyPath: field], given != value {
                    throw configuration("\(item.name) in the URL and \(option) differ; give it once")
                }
                merged[keyPath: field] = value
            }
            switch item.name {
            case "sslmode": sslmode = value
            case "sslrootcert": try set(\.caFile, option: "--postgres-ca")
            case "sslcert": try set(\.clientCertificate, option: "--postgres-client-certificate")
            case "sslkey": try set(\.clientKey, option: "--postgres-client-key")
            default:
                // An ignored parameter could be a security setting the operator believes in.
                throw configuration("URL parameter \(item.name) is not understood (sslmode, sslrootcert, sslcert and sslkey are)")
            }
        }
        return (merged, sslmode)
    }

    static func security(host: String, merged: (Options, sslmode: String?)) throws(PostgresConnectionError) -> Security {
        let (options, sslmode) = merged
        let wantsPlaintext: Bool
        switch sslmode {
        case nil: wantsPlaintext = options.caFile == nil
        case "disable": wantsPlaintext = true
        case "verify-full": wantsPlaintext = false
        case let other?:
            // require/verify-ca/prefer/allow accept a server that any CA (or none) vouches for,
            // or one with another host's certificate: a man in the middle would pass.
            throw configuration("sslmode=\(other) is not offered: use verify-full (with sslrootcert or --postgres-ca), or disable to a loopback host")
        }
        if wantsPlaintext {
            guard options.caFile == nil, options.clientCertificate == nil, options.clientKey == nil else {
                throw configuration("sslmode=disable together with a CA or client certificate: choose one")
            }
            guard isLoopback(host) || options.insecurePlaintext else {
                throw configuration("\(host) is not a loopback address, so the link to PostgreSQL needs TLS: give --postgres-ca FILE (the CA that issued the server's certificate) or, knowingly, --postgres-insecure-plaintext")
            }
            return .plaintext
        }
        guard !options.insecurePlaintext else { throw configuration("--postgres-insecure-plaintext together with TLS settings: choose one") }
        guard let caFile = options.caFile else {
            throw configuration("sslmode=verify-full needs the CA that issued the server's certificate: sslrootcert=FILE or --postgres-ca FILE")
        }
        switch (options.clientCertificate, options.clientKey) {
        case (nil, nil): return .verifyFull(caFile: caFile, client: nil)
        case let (certificate?, key?): return .verifyFull(caFile: caFile, client: ClientCertificate(certificateFile: certificate, keyFile: key))
        default: throw configuration("a client certificate needs its key and a key its certificate: give both --postgres-client-certificate and --postgres-client-key")
        }
    }

    /// localhost, 127.0.0.0/8 and ::1: traffic that never leaves the machine.
    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    static func configuration(_ message: String) -> PostgresConnectionError {
        PostgresConnectionError(.configuration, "PostgreSQL settings: \(message)")
    }

    /// Where, for messages: host and port, never the password.
    public var address: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
