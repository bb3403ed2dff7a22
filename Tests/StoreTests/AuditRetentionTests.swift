import CSQLite
import EnrollCore
import Foundation
import Store
import Testing

/// Audit entries the central server acknowledged are let go after their retention; the
/// chain goes on from the last one let go, and nothing the centre lacks can go.
@Suite("Audit log retention on a real SQLite file")
struct AuditRetentionTests {
    static let day: Int64 = 86_400_000

    /// Entries one a day from `fixture.t0`, by operators "op-0"…
    func write(_ count: Int, into store: RecordStore, from day: Int64, _ fixture: StoreFixture) throws {
        for i in 0..<count {
            try store.recordAudit(actor: "op-\(i)", action: "operator.login", recordID: nil, at: fixture.t0 + (day + Int64(i)) * Self.day)
        }
    }

    func acknowledge(_ seq: Int64, in store: RecordStore) throws {
        let entry = try #require(try store.auditEntries(after: seq - 1, limit: 1).first)
        #expect(try store.noteAuditAcknowledged(AuditHead(seq: entry.seq, hash: entry.hash), at: 0))
    }

    @Test("Only acknowledged entries past retention go, in slices; the chain verifies from the anchor")
    func acknowledgedOldEntriesGo() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        try write(10, into: store, from: 0, fixture)
        // Nothing acknowledged: nothing goes, however old.
        #expect(try store.pruneAudit(writtenBy: fixture.t0 + 100 * Self.day) == 0)
        try acknowledge(7, in: store)
        // Entries 1…5 are old enough (days 0…4); 6 and 7 are acknowledged but young.
        #expect(try store.pruneAudit(writtenBy: fixture.t0 + 4 * Self.day, entriesPerTransaction: 2) == 5)
        #expect(try store.auditEntries().map(\.seq) == [6, 7, 8, 9, 10])
        #expect(try store.auditAnchor().seq == 5)
        #expect(try store.verifyAuditLog() == 5)
        // Old enough now, but 8…10 are not acknowledged: they stay.
        #expect(try store.pruneAudit(writtenBy: fixture.t0 + 100 * Self.day) == 2)
        #expect(try store.auditEntries().map(\.seq) == [8, 9, 10])
        let progress = try store.auditShippingProgress()
        #expect(progress == AuditShippingProgress(acknowledged: 7, acknowledgedAt: 0, head: 10, letGoThrough: 7))
        // The server's head at the anchor is still confirmed; one before it cannot be.
        let anchor = try store.auditAnchor()
        #expect(try store.noteAuditAcknowledged(anchor, at: 1))
        #expect(try !store.noteAuditAcknowledged(AuditHead(seq: 3, hash: anchor.hash), at: 1))
        #expect(try !store.noteAuditAcknowledged(.genesis, at: 1))
    }

    @Test("An emptied log goes on from the anchor: the next entry links to the last one let go")
    func anEmptiedLogContinuesTheChain() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        try write(4, into: store, from: 0, fixture)
        try acknowledge(4, in: store)
        let last = try #require(try store.auditEntries().last)
        #expect(try store.pruneAudit(writtenBy: fixture.t0 + 10 * Self.day) == 4)
        #expect(try store.auditEntries().isEmpty)
        #expect(try store.auditShippingProgress().head == 4, "an empty log's head is the anchor")
        #expect(try store.verifyAuditLog() == 0)
        try store.recordAudit(actor: "op-9", action: "operator.login", recordID: nil, at: fixture.t0 + 11 * Self.day)
        let next = try #require(try store.auditEntries().first)
        #expect(next.seq == 5 && next.previousHash == last.hash)
        #expect(try store.verifyAuditLog() == 1)
        // Reopened (a restart): the same.
        #expect(try fixture.open().verifyAuditLog() == 1)
    }

    @Test("The database itself refuses to delete past the anchor or to move it past what the centre holds")
    func theTriggersHoldTheRule() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        try write(6, into: store, from: 0, fixture)
        try acknowledge(3, in: store)
        #expect(try store.pruneAudit(writtenBy: fixture.t0 + 1 * Self.day) == 2)
        var db: OpaquePointer?
        #expect(sqlite3_open(store.path, &db) == SQLITE_OK)
        defer { sqlite3_close(db) }
        #expect(sqlite3_exec(db, "DELETE FROM audit_log WHERE seq = 3", nil, nil, nil) != SQLITE_OK, "acknowledged but not let go")
        #expect(sqlite3_exec(db, "UPDATE audit_anchor SET seq = 5", nil, nil, nil) != SQLITE_OK, "5 is not acknowledged")
        #expect(sqlite3_exec(db, "UPDATE audit_anchor SET seq = 1", nil, nil, nil) != SQLITE_OK, "the anchor never moves back")
        #expect(sqlite3_exec(db, "UPDATE audit_anchor SET seq = 3", nil, nil, nil) == SQLITE_OK)
        #expect(sqlite3_exec(db, "DELETE FROM audit_log WHERE seq = 3", nil, nil, nil) == SQLITE_OK)
        // Moving the anchor by hand without its hash breaks the chain, and verification says so.
        let broken = #expect(throws: StoreError.self) { try store.verifyAuditLog() }
        #expect(broken?.description.contains("audit entry 4 does not chain") == true, "\(String(describing: broken))")
    }
}
