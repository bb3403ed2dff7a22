import EnrollCore
import Ingest
import IngestPostgres
import Logging
import TestSupport
import Testing

/// Says (as a skip with its reason) when the PostgreSQL variants of the receiver tests
/// cannot run here, and checks the throw-away server works where they can.
@Suite(.enabled(if: ThrowawayPostgres.available, "PostgreSQL server binaries not installed (scripts/install-deps test installs postgresql)"))
struct PostgresServerTests {
    @Test func aThrowawayServerTakesTheSchema() async throws {
        let server = try ThrowawayPostgres()
        let storage = try PostgresIngestStorage(url: try server.createDatabase(), logger: Logger(label: "test"))
        let task = Task { await storage.run() }
        defer { task.cancel() }
        try await storage.migrate()
        let head = try await storage.head(device: [UInt8](repeating: 3, count: 16))
        #expect(head.sequence == 0)
        #expect(try await storage.stored(device: [UInt8](repeating: 3, count: 16)).isEmpty)
        withExtendedLifetime(server) {}
    }
}
