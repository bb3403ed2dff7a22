import Foundation

extension ThrowawayPostgres {
    /// The server's TLS set-up: its certificate and key, and for client certificates the CA
    /// that issues them. Paths to PEM files (e.g. from `TestPKI`); they are copied into the
    /// cluster's folder, where the server (another user when the tests run as root) can
    /// read them and the key has the 0600 mode PostgreSQL insists on.
    public struct TLS: Sendable {
        public var certificate: String
        public var key: String
        public var clientCA: String?
        /// pg_hba `hostssl … cert`: TCP logins need a client certificate from `clientCA`
        /// whose CN is the user name.
        public var demandClientCertificate: Bool

        public init(certificate: String, key: String, clientCA: String? = nil, demandClientCertificate: Bool = false) {
            self.certificate = certificate
            self.key = key
            self.clientCA = clientCA
            self.demandClientCertificate = demandClientCertificate
        }
    }

    /// Writes pg_hba.conf (and installs the TLS files) and returns the `-c` settings for
    /// `pg_ctl -o`; "" for initdb's own trust-everything rules.
    static func accessRules(tls: TLS?, password: Bool, folder: URL, owner: String?) throws -> String {
        guard tls != nil || password else { return "" }
        var settings = ""
        var method = password ? "scram-sha-256" : "trust"
        var tcp = "host"
        if let tls {
            settings += " -c ssl=on"
            settings += " -c ssl_cert_file=" + (try install(tls.certificate, as: "server.crt", in: folder, owner: owner))
            settings += " -c ssl_key_file=" + (try install(tls.key, as: "server.key", in: folder, owner: owner))
            if let ca = tls.clientCA { settings += " -c ssl_ca_file=" + (try install(ca, as: "client-ca.crt", in: folder, owner: owner)) }
            // Only "hostssl" lines: a plain TCP login finds no rule and is refused.
            tcp = "hostssl"
            if tls.demandClientCertificate { method = "cert" }
        }
        let rules = "local all all trust\n\(tcp) all all 127.0.0.1/32 \(method)\n"
        let hba = try install(Data(rules.utf8), as: "pg_hba.conf", in: folder, owner: owner)
        return settings + " -c hba_file=" + hba
    }

    private static func install(_ source: String, as name: String, in folder: URL, owner: String?) throws -> String {
        try install(try Data(contentsOf: URL(fileURLWithPath: source)), as: name, in: folder, owner: owner)
    }

    private static func install(_ contents: Data, as name: String, in folder: URL, owner: String?) throws -> String {
        let path = folder.appendingPathComponent(name).path
        guard FileManager.default.createFile(atPath: path, contents: contents, attributes: [.posixPermissions: 0o600]) else {
            throw Failure("cannot write \(path)")
        }
        if let owner { try run(["/bin/chown", "\(owner):\(owner)", path], in: folder) }
        return path
    }
}
