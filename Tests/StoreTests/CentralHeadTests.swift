import EnrollCore
import Foundation
import Store
import Testing

/// What the central server confirmed it holds decides what may be purged, and records it
/// lost can be made pending again from the outbox.
@Suite("Central head, purge rule and re-sending")
struct CentralHeadTests {
    let hour: Int64 = 3_600_000

    /// A store with `count` records, all receipted at the fixture's start.
    func receipted(_ fixture: StoreFixture, count: Int, retention: Int64) throws -> RecordStore {
        let store = try fixture.open(.init(maximumQueueBytes: .max, minimumFreeBytes: 0, retentionMilliseconds: retention))
        for _ in 0..<count { try fixture.commit(store) }
        for sequence in 1...UInt64(count) {
            try store.acceptReceipt(try fixture.receipt(store, sequence: sequence, at: fixture.t0), now: fixture.t0, validate: fixture.validator())
        }
        return store
    }

    @Test("Nothing is purged before the server confirmed anything, or with a confirmation older than the retention")
    func noConfirmationNoPurge() throws {
        let fixture = try StoreFixture()
        let store = try receipted(fixture, count: 4, retention: hour)
        #expect(try store.purge(now: fixture.t0 + 100 * hour) == 0)
        try store.noteCentralHead(4, at: fixture.t0 + hour / 2)
        #expect(try store.purge(now: fixture.t0 + 100 * hour) == 0, "confirmed before the retention ended")
        try store.noteCentralHead(4, at: fixture.t0 + 2 * hour)
        #expect(try store.purge(now: fixture.t0 + 100 * hour) == 4)
    }

    @Test("A server whose head is lower (restored) keeps the records above it here")
    func lowerHeadKeepsTheRest() throws {
        let fixture = try StoreFixture()
        let store = try receipted(fixture, count: 6, retention: hour)
        try store.noteCentralHead(6, at: fixture.t0 + 2 * hour)
        try store.noteCentralHead(2, at: fixture.t0 + 3 * hour)
        #expect(try store.centralHead() == PurgeRule(confirmedHead: 2, confirmedAt: fixture.t0 + 3 * hour), "the latest answer wins")
        #expect(try store.purge(now: fixture.t0 + 10 * hour) == 2)
        #expect(try store.envelopes().map(\.sequence) == [3, 4, 5, 6])
        #expect(try store.lowestHeldSequence() == 3)
    }

    @Test("A head beyond the kiosk's own confirms only what the kiosk has")
    func headIsClamped() throws {
        let fixture = try StoreFixture()
        let store = try receipted(fixture, count: 3, retention: 0)
        try store.noteCentralHead(UInt64(Int64.max) + 10, at: fixture.t0)
        #expect(try store.centralHead()?.confirmedHead == 3)
    }

    @Test("Re-opening makes receipted records pending again, keeps the old receipts aside, and restarts retention")
    func reopen() throws {
        let fixture = try StoreFixture()
        let store = try receipted(fixture, count: 5, retention: hour)
        #expect(try store.summary().depth == 0)
        let later = fixture.t0 + 5 * hour
        #expect(try store.reopenForResend(from: 3, through: 5, now: later) == 3)
        #expect(try store.pendingUpload(limit: 10).map(\.sequence) == [3, 4, 5])
        #expect(try store.supersededReceiptCount() == 3)
        #expect(try store.auditEntries().filter { $0.action == "record.resend" }.count == 3)
        // New receipts at `later`: the retention counts from them.
        for sequence in 3...5 as ClosedRange<UInt64> {
            try store.acceptReceipt(try fixture.receipt(store, sequence: sequence, at: later), now: later, validate: fixture.validator())
        }
        try store.noteCentralHead(5, at: later + hour / 2)
        #expect(try store.purge(now: later + hour / 2) == 2, "only the two never re-sent are past their retention")
        #expect(try store.envelopes().map(\.sequence) == [3, 4, 5])
        #expect(try store.verifyAuditLog() > 0)
    }

    @Test("Re-opening is all or nothing: a purged record in the range, a pending one, or a bad range changes nothing")
    func reopenAllOrNothing() throws {
        let fixture = try StoreFixture()
        let store = try receipted(fixture, count: 5, retention: 0)
        try store.noteCentralHead(2, at: fixture.t0)
        #expect(try store.purge(now: fixture.t0) == 2)
        #expect(try store.reopenForResend(from: 2, through: 4, now: fixture.t0) == 0, "2 is purged")
        try fixture.commit(store)
        #expect(try store.reopenForResend(from: 5, through: 6, now: fixture.t0) == 0, "6 has no receipt")
        #expect(try store.reopenForResend(from: 0, through: 4, now: fixture.t0) == 0)
        #expect(try store.reopenForResend(from: 4, through: 3, now: fixture.t0) == 0)
        #expect(try store.reopenForResend(from: 3, through: .max, now: fixture.t0) == 0)
        #expect(try store.pendingUpload(limit: 10).map(\.sequence) == [6])
        #expect(try store.supersededReceiptCount() == 0)
    }
}
