import Crypto
import CSQLite
import EnrollCore
import Foundation
import Store
import TestSupport
import Testing
import Trust

@Suite("Outbox on a real SQLite file")
struct OutboxTests {
    @Test("The writer runs WAL, synchronous=FULL and secure_delete, with every migration applied once")
    func pragmasAndMigrations() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        let pragmas = try store.pragmas()
        #expect(pragmas["journal_mode"] == "wal")
        #expect(pragmas["synchronous"] == "2")
        #expect(pragmas["secure_delete"] == "1")
        let names = try store.appliedMigrations()
        #expect(names.count == 12 && names.first == "2026-11-30-outbox" && names.last == "2026-12-02-audit-retention", "\(names)")
        // Reopening applies nothing twice.
        #expect(try fixture.open().appliedMigrations() == names)
        let mode = try FileManager.default.attributesOfItem(atPath: store.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test("Committed records chain, verify, and survive reopening; the summary counts them")
    func appendAndReopen() throws {
        let fixture = try StoreFixture()
        var committed: [CommittedRecord] = []
        do {
            let store = try fixture.open()
            for i in 0..<5 { committed.append(try fixture.commit(store, at: fixture.t0 + Int64(i) * 1000)) }
        }
        let store = try fixture.open()
        let stored = try store.envelopes()
        #expect(stored.map(\.sequence) == [1, 2, 3, 4, 5])
        let head = try fixture.verifier.verifyChain(stored.map(\.envelope))
        #expect(head == ChainHead(sequence: 5, hash: committed[4].hash))
        #expect(try store.head() == head)
        let summary = try store.summary()
        #expect(summary.depth == 5)
        #expect(summary.bytes == committed.reduce(0) { $0 + $1.bytes })
        #expect(summary.oldestUnsyncedAt == fixture.t0)
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test("A build failure inside the transaction leaves nothing behind")
    func failedBuildRollsBack() throws {
        struct Boom: Error {}
        let fixture = try StoreFixture()
        let store = try fixture.open()
        try fixture.commit(store)
        #expect(throws: Boom.self) { try store.append(actor: "op-1", now: 0) { _ in throw Boom() } }
        // A build for the wrong chain position is refused too.
        let stale = try fixture.sealer.seal(SyntheticRecords.payload(partBytes: 10, now: 0, using: &fixture.generator), after: .genesis, committedAt: 0)
        #expect(throws: StoreError.self) { try store.append(actor: "op-1", now: 0) { _ in stale } }
        #expect(try store.head().sequence == 1)
        try fixture.commit(store)
        #expect(try store.envelopes().map(\.sequence) == [1, 2])
    }

    @Test("The audit log chains, names record ids only, and refuses UPDATE and DELETE")
    func auditLog() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        let record = try fixture.commit(store)
        try store.recordAudit(actor: "op-1", action: "session.abandoned", recordID: nil, at: fixture.t0)
        let entries = try store.auditEntries()
        #expect(entries.map(\.action) == ["record.committed", "session.abandoned"])
        #expect(entries[0].recordID == record.recordID)
        #expect(try store.verifyAuditLog() == 2)

        var db: OpaquePointer?
        #expect(sqlite3_open(store.path, &db) == SQLITE_OK)
        defer { sqlite3_close(db) }
        #expect(sqlite3_exec(db, "UPDATE audit_log SET actor = 'x'", nil, nil, nil) != SQLITE_OK)
        #expect(sqlite3_exec(db, "DELETE FROM audit_log", nil, nil, nil) != SQLITE_OK)
        // Around the triggers: the chain shows it.
        #expect(sqlite3_exec(db, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'x' WHERE seq = 1", nil, nil, nil) == SQLITE_OK)
        #expect(throws: StoreError.self) { try store.verifyAuditLog() }
    }

    @Test("The audit log is verified page by page: links across pages count, a break in a later page is found")
    func auditLogVerifiedInPages() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        for i in 0..<23 { try store.recordAudit(actor: "op-\(i)", action: "operator.login", recordID: nil, at: fixture.t0 + Int64(i)) }
        #expect(try store.verifyAuditLog(pageSize: 5) == 23)
        #expect(try store.verifyAuditLog(pageSize: 1) == 23)
        #expect(try store.verifyAuditLog() == 23)

        var db: OpaquePointer?
        #expect(sqlite3_open(store.path, &db) == SQLITE_OK)
        defer { sqlite3_close(db) }
        // Entry 12 rewritten: its own hash no longer holds, on page 3 of 5-entry pages.
        #expect(sqlite3_exec(db, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'x' WHERE seq = 12", nil, nil, nil) == SQLITE_OK)
        let rewritten = #expect(throws: StoreError.self) { try store.verifyAuditLog(pageSize: 5) }
        #expect(rewritten?.description.contains("audit entry 12 does not chain") == true, "\(String(describing: rewritten))")
        // Entry 12 put back; entry 16's link to 15 broken, at the very start of page 4 (a
        // link across pages, which only the carried head can check).
        #expect(sqlite3_exec(db, "UPDATE audit_log SET actor = 'op-11' WHERE seq = 12; UPDATE audit_log SET previous_hash = zeroblob(32) WHERE seq = 16", nil, nil, nil) == SQLITE_OK)
        let unlinked = #expect(throws: StoreError.self) { try store.verifyAuditLog(pageSize: 5) }
        #expect(unlinked?.description.contains("audit entry 16 does not chain") == true, "\(String(describing: unlinked))")
    }

    @Test("Gallery templates are stored only as the cipher's boxes; operators round-trip")
    func galleryAndOperators() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        let cipher = try GalleryCipher.loadOrCreate(in: fixture.folder.path)
        let record = try fixture.commit(store)
        let template = Array("TEMPLATE-MARKER-0123456789".utf8)
        let entryID: [UInt8] = Array(repeating: 7, count: 16)
        try store.addGalleryEntry(GalleryEntry(entryID: entryID, recordID: record.recordID, fingerPosition: 2,
                                               sealedTemplate: try cipher.seal(template, entryID: entryID), addedAt: fixture.t0))
        let entries = try store.galleryEntries()
        #expect(entries.count == 1)
        #expect(cipher.open(entries[0].sealedTemplate, entryID: entryID) == template)
        try store.checkpointTruncate()
        #expect(!fixture.databaseFiles().values.contains { contains($0, template) })

        try store.saveOperator(OperatorAccount(operatorID: "op-9", role: .supervisor, credentialHash: [1, 2, 3], active: true), at: fixture.t0, by: "op-1")
        #expect(try store.operatorAccount("op-9")?.role == .supervisor)
        #expect(try store.operatorAccount("op-10") == nil)
    }
}
