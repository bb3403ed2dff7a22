import Crypto
import EnrollCore
@testable import EnrollDaemon
import EventLog
import Foundation
import Logging
import Testing
import TestSupport

/// Once the uploader reports the central server ahead of the store, the keeper refuses new
/// enrollments up front like for a missing chain: admission, `/v1/queue` (what `enrollctl
/// queue` and the kiosk show) and the journal all say why.
@Suite struct OlderDatabaseRefusalTests {
    @Test func aServerAheadOfTheStoreRefusesEnrollments() async throws {
        let folder = try BuiltProducts.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let configuration = DaemonConfiguration.forRecordTests()
        let capture = KeptLog()
        let keeper = await RecordKeeper.open(directory: folder.path, configuration: configuration, logger: Logger(label: "test") { _ in capture })
        try await keeper.admitSession()
        #expect(await keeper.queueStatus(now: 0).accepting)

        keeper.noteOlderDatabase(OlderDatabase(serverHead: 12, localHead: 3))
        keeper.noteOlderDatabase(OlderDatabase(serverHead: 13, localHead: 3))
        await #expect(throws: AdmissionRefusal.self) { try await keeper.admitSession() }
        await #expect(throws: AdmissionRefusal.self) { try await keeper.admitSession() }
        let status = await keeper.queueStatus(now: 0)
        #expect(!status.accepting)
        #expect(status.refusal?.contains("server at sequence 12, database at 3") == true, "the first finding stays: \(status.refusal ?? "")")
        #expect(status.refusal?.contains("older than the last upload") == true)
        #expect(capture.messages(withID: CatalogEvent.databaseOlderThanServer.messageID).count == 1, "one refusal entry per change: \(capture.messages)")
        #expect(!capture.messageIDs.contains(CatalogEvent.queueAtCapacity.messageID))
    }
}
