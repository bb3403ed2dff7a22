import IngestPostgres
import Testing

/// How enroll-ingest reads its PostgreSQL settings: TLS unless the host is loopback or the
/// operator says otherwise by name; libpq's URL parameters understood, or refused by name.
@Suite struct PostgresEndpointTests {
    func refusal(_ url: String, password: String? = nil, _ options: PostgresEndpoint.Options = .init()) -> PostgresConnectionError? {
        do {
            _ = try PostgresEndpoint(url: url, password: password, options: options)
            return nil
        } catch { return error }
    }

    @Test(arguments: ["127.0.0.1", "127.8.9.10", "localhost", "[::1]"])
    func aLoopbackHostMayGoWithoutTLS(_ host: String) throws {
        let endpoint = try PostgresEndpoint(url: "postgres://enroll@\(host):5433/ingest")
        #expect(endpoint.security == .plaintext)
        #expect(endpoint.port == 5433 && endpoint.user == "enroll" && endpoint.database == "ingest")
        #expect(!endpoint.host.hasPrefix("["))
    }

    @Test(arguments: ["db.example.org", "10.0.0.5", "127.0.0.1.example.org", "128.0.0.1", "127.0.0", "::2"])
    func anyOtherHostNeedsTLSOrTheExplicitFlag(_ host: String) throws {
        let url = "postgres://enroll@\(host.contains(":") ? "[\(host)]" : host)/ingest"
        let error = try #require(refusal(url))
        #expect(error.code == .configuration)
        #expect(error.message.contains("--postgres-ca") && error.message.contains("--postgres-insecure-plaintext"), "\(error)")
        let allowed = try PostgresEndpoint(url: url, options: .init(insecurePlaintext: true))
        #expect(allowed.security == .plaintext)
        let verified = try PostgresEndpoint(url: url, options: .init(caFile: "/etc/ca.pem"))
        #expect(verified.security == .verifyFull(caFile: "/etc/ca.pem", client: nil))
    }

    @Test func libpqParametersInTheURLAreHonoured() throws {
        let endpoint = try PostgresEndpoint(url: "postgresql://enroll@db.example.org/ingest?sslmode=verify-full&sslrootcert=/ca.pem&sslcert=/c.pem&sslkey=/c.key")
        #expect(endpoint.security == .verifyFull(caFile: "/ca.pem", client: .init(certificateFile: "/c.pem", keyFile: "/c.key")))
        // The same value both ways is fine; different values are refused, not silently resolved.
        _ = try PostgresEndpoint(url: "postgres://enroll@db/ingest?sslrootcert=/ca.pem", options: .init(caFile: "/ca.pem"))
        let differ = try #require(refusal("postgres://enroll@db/ingest?sslrootcert=/a.pem", .init(caFile: "/b.pem")))
        #expect(differ.message.contains("sslrootcert") && differ.message.contains("--postgres-ca"))
        let disabled = try PostgresEndpoint(url: "postgres://enroll@localhost/ingest?sslmode=disable")
        #expect(disabled.security == .plaintext)
    }

    /// Modes that accept a server any CA (or none) vouches for are refused, as are
    /// parameters the receiver would otherwise ignore while the operator relies on them.
    @Test(arguments: [
        ("sslmode=require", "sslmode=require"), ("sslmode=verify-ca", "verify-full"), ("sslmode=prefer", "verify-full"),
        ("sslmode=allow", "verify-full"), ("sslmode=verify-full", "sslrootcert"), ("sslmode=disable&sslrootcert=/ca.pem", "choose one"),
        ("sslcompression=1", "sslcompression"), ("sslmode=", "no value"), ("sslrootcert=/ca.pem&sslcert=/c.pem", "both"),
        ("sslrootcert=/ca.pem&sslkey=/c.key", "both"), ("sslmode=disable", "not a loopback"),
    ])
    func weakOrUnknownSettingsAreRefusedByName(_ query: String, _ named: String) throws {
        let error = try #require(refusal("postgres://enroll@db.example.org/ingest?\(query)"))
        #expect(error.code == .configuration)
        #expect(error.message.contains(named), "\(error)")
    }

    @Test func plaintextAndTLSTogetherAreAContradiction() throws {
        let error = try #require(refusal("postgres://enroll@db/ingest", .init(caFile: "/ca.pem", insecurePlaintext: true)))
        #expect(error.message.contains("choose one"))
    }

    /// Broken, truncated, oversized and hostile URLs: a configuration error each, and the
    /// password in the URL is never part of the message.
    @Test(arguments: [
        "", "postgres://", "postgres://enroll@", "postgres://enroll@db", "postgres://enroll@db/", "postgres://@db/ingest",
        "mysql://enroll@db/ingest", "postgres://enroll:s3cret-pw@db:0/ingest", "postgres://enroll:s3cret-pw@db:99999/ingest",
        "postgres://enroll:s3cret-pw@db.example.org/ingest", "postgres://enroll:s3cret-pw@db/ingest?x=s3cret-pw",
        "postgres://enroll:s3cret-pw@db\u{0}evil/ingest", "postgres://enroll:s3cret-pw@[::1/ingest",
        "postgres://enroll:s3cret-pw@" + String(repeating: "a", count: 1 << 20) + "/ingest",
        "postgres://enroll:s3cret-pw@db/ingest?" + String(repeating: "sslmode=require&", count: 10_000),
    ])
    func brokenURLsAreRefusedWithoutThePassword(_ url: String) throws {
        let error = try #require(refusal(url))
        #expect(error.code == .configuration)
        #expect(!error.message.contains("s3cret-pw"))
        #expect(error.message.count < 400, "a message of \(error.message.count) characters")
    }

    @Test func aPasswordGivenApartWinsOverTheURLs() throws {
        let endpoint = try PostgresEndpoint(url: "postgres://enroll:old@localhost/ingest", password: "from-file")
        #expect(endpoint.password == "from-file")
        #expect(try PostgresEndpoint(url: "postgres://enroll:old@localhost/ingest").password == "old")
        #expect(endpoint.address == "localhost:5432")
    }
}
