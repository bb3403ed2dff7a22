import Foundation
import Store
import Testing
import Trust

/// The daemon's stop closes the store without a WAL checkpoint (no fsync at stop). What it
/// relies on, with real SQLite files: the WAL stays behind, and the next open recovers every
/// committed record and audit entry from it, with the chains intact.
@Suite("Closing the store at a stop")
struct StopCloseTests {
    func walBytes(_ fixture: StoreFixture) -> Int {
        let path = fixture.folder.appendingPathComponent(RecordStore.fileName + "-wal").path
        return (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
    }

    @Test("Closed without a checkpoint: the WAL is left, and a fresh open finds everything committed")
    func closingWithoutACheckpointLosesNothing() throws {
        let fixture = try StoreFixture()
        do {
            let store = try fixture.open()
            for index in 0..<3 { try fixture.commit(store, at: fixture.t0 + Int64(index)) }
            for index in 0..<40 { try store.recordAudit(actor: "op-1", action: "test.\(index)", recordID: nil, at: fixture.t0 + Int64(index)) }
            #expect(store.skipCheckpointOnClose(), "SQLite took the setting")
        }
        #expect(walBytes(fixture) > 0, "the WAL was left for the next open")
        let again = try fixture.open()
        #expect(try again.integrityCheck() == ["ok"])
        #expect(try again.envelopes().count == 3)
        _ = try fixture.verifier.verifyChain(try again.envelopes().map(\.envelope))
        // 3 record commits and 40 entries, each chained to the one before.
        #expect(try again.verifyAuditLog() == 43)
    }

    @Test("Without it, the last close checkpoints and removes the WAL, as before")
    func anOrdinaryCloseStillCheckpoints() throws {
        let fixture = try StoreFixture()
        do {
            let store = try fixture.open()
            try store.recordAudit(actor: "op-1", action: "test", recordID: nil, at: fixture.t0)
        }
        #expect(walBytes(fixture) == -1, "no WAL file after an ordinary close")
        #expect(try fixture.open().verifyAuditLog() == 1)
    }
}
