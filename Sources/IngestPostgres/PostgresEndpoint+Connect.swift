import Logging
import NIOSSL
import PostgresNIO

extension PostgresEndpoint {
    /// The pool's configuration. `.require`: a server that answers the TLS request with "no"
    /// is refused, never used in plain text.
    func clientConfiguration() throws(PostgresConnectionError) -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS = try tlsConfiguration().map { .require($0) } ?? .disable
        return PostgresClient.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tls)
    }

    /// Opens one connection, asks `SELECT 1` and closes it: the pool would retry a failing
    /// server for a minute and then report only that it gave up, so the reason (untrusted
    /// certificate, wrong host name, no TLS, refused login) is learnt here, at start.
    public func check(logger: Logger) async throws(PostgresConnectionError) {
        let tls: PostgresConnection.Configuration.TLS
        if let configuration = try tlsConfiguration() {
            do { tls = .require(try NIOSSLContext(configuration: configuration)) } catch {
                throw PostgresConnectionError(.unreadableFile, "cannot set up TLS to PostgreSQL: \(error)")
            }
        } else {
            tls = .disable
        }
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            do { _ = try await connection.query("SELECT 1", logger: logger) } catch {
                try? await connection.close()
                throw error
            }
            try? await connection.close()
        } catch {
            throw explain(error)
        }
    }

    /// A connection failure in the operator's terms.
    func explain(_ error: any Error) -> PostgresConnectionError {
        let at = "PostgreSQL at \(address)"
        guard let error = error as? PSQLError else { return PostgresConnectionError(.unreachable, "cannot reach \(at): \(error)") }
        switch error.code {
        case .sslUnsupported:
            return PostgresConnectionError(.serverWithoutTLS, "\(at) does not offer TLS, and TLS is required (--postgres-ca): turn ssl on at the server (ssl_cert_file, ssl_key_file); the receiver never falls back to plain text")
        case .server:
            // The server's own words (pg_hba, authentication, missing database): they carry
            // the user and database names, not the password.
            let message = error.serverInfo?[.message] ?? "no message"
            let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            if message.contains("certificate") {
                return PostgresConnectionError(.clientCertificateRefused, "\(at) refused the connection: \(message)\(state); it wants a client certificate it accepts (--postgres-client-certificate, --postgres-client-key; the certificate's CN must be the user name)")
            }
            // pg_hba has only "hostssl" rules for this client: say what would get in.
            let hint = security == .plaintext && message.contains("no encryption") ? "; it takes TLS logins only: give --postgres-ca" : ""
            return PostgresConnectionError(.refusedByServer, "\(at) refused the connection: \(message)\(state)\(hint)")
        default:
            return explainTransport(error.underlying, at: at)
        }
    }

    private func explainTransport(_ underlying: (any Error)?, at: String) -> PostgresConnectionError {
        guard let underlying else { return PostgresConnectionError(.unreachable, "\(at) closed the connection before it was ready") }
        if let extra = underlying as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return PostgresConnectionError(.hostNameMismatch, "\(at): the server's certificate is signed by the CA but does not name \(host); connect by a name or address in its subjectAltName, or reissue it for \(host)")
        }
        let text = String(describing: underlying)
        guard case .verifyFull(let caFile, let client) = security, underlying is NIOSSLError || underlying is BoringSSLError else {
            return PostgresConnectionError(.unreachable, "cannot reach \(at): \(text)")
        }
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return PostgresConnectionError(.untrustedServerCertificate, "\(at): the server's certificate is not signed by the CA in \(caFile) (or has expired); give the CA that issued it with --postgres-ca")
        }
        if let alert = text.firstRange(of: /(TLSV1|SSLV3)_ALERT_[A-Z_]+/) {
            // The server's alert in the handshake: it wanted a certificate it trusts.
            let which = client.map { "the client certificate \($0.certificateFile) was not accepted" } ?? "it asked for a client certificate and none was given"
            return PostgresConnectionError(.clientCertificateRefused, "\(at) ended the TLS handshake: \(which) (\(text[alert]))")
        }
        return PostgresConnectionError(.unreachable, "TLS to \(at) failed: \(text)")
    }
}
