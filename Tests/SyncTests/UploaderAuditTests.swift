import Crypto
import EnrollCore
import Foundation
import Ingest
import IngestPostgres
import Logging
import Store
import Sync
import Synchronization
import TestSupport
import Testing
import Trust

/// The kiosk's audit log reaching the real enroll-ingest over mutual TLS, on SQLite and on
/// PostgreSQL: shipped after the records in bounded batches, listed and checked centrally
/// by `enroll-ingest audit`, resumed without duplicates after a restart, tampering refused.
@Suite(.serialized, .enabled(if: IngestHarness.available, "needs the openssl CLI for the test PKI"))
struct UploaderAuditTests {
    static let storages: [Bool] = ThrowawayPostgres.available ? [false, true] : [false]

    /// The audit entries the receiver holds for the fixture's kiosk, read as `enroll-ingest
    /// audit` reads them (SQLite read-only: the polling never takes the serving receiver's
    /// write lock).
    static func serverAudit(_ fixture: SyncFixture) async throws -> [AuditEntry] {
        let device = fixture.deviceKey.deviceID
        guard let url = fixture.harness.postgresURL else {
            return try await SQLiteAuditLookup(path: fixture.harness.database.path).auditEntries(device: device, after: 0, limit: 1_000_000)
        }
        let storage = try PostgresIngestStorage(url: url, logger: Logger(label: "test"))
        let task = Task { await storage.run() }
        defer { task.cancel() }
        return try await storage.auditEntries(device: device, after: 0, limit: 1_000_000)
    }

    static func addAudit(_ fixture: SyncFixture, _ count: Int) throws {
        for i in 0..<count {
            try fixture.store.recordAudit(actor: "op-\(i % 3)", action: i % 2 == 0 ? "operator.login" : "export.created", recordID: nil,
                                          at: 1_780_000_100_000 + Int64(i))
        }
    }

    /// Runs an uploader until the receiver holds the whole local audit log (receipts add
    /// entries while records upload, so the local log is read again each time).
    static func shipAll(_ fixture: SyncFixture, _ settings: SyncSettings) async throws -> Bool {
        let uploader = try fixture.uploader(settings)
        // Generous: beside the whole suite on two cores, one batch took over 20 s.
        return await SyncFixture.run(uploader, timeout: .seconds(240)) {
            guard fixture.backlog == 0, let local = try? fixture.store.auditEntries(), let held = try? await serverAudit(fixture) else { return false }
            // The centre holds the entries a moment before the kiosk has stored its answer:
            // shipped means acknowledged here too (the prune that may follow goes by it).
            return held == local && (try? fixture.store.auditAcknowledged()) == (local.last?.seq ?? 0)
        }
    }

    func settings(_ fixture: SyncFixture) -> SyncSettings {
        var settings = fixture.settings()
        settings.auditBatchEntries = 40
        return settings
    }

    @Test(arguments: storages)
    func theAuditLogReachesTheReceiverAndResumesAfterARestart(postgres: Bool) async throws {
        let harness = try IngestHarness(postgres: postgres)
        let fixture = try SyncFixture(harness: harness, records: 5)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        try await harness.start()
        try Self.addAudit(fixture, 90)
        #expect(try await Self.shipAll(fixture, settings(fixture)), "the receiver holds the kiosk's whole audit log")
        let local = try fixture.store.auditEntries()
        #expect(local.count > 90)
        #expect(try fixture.store.auditAcknowledged() == local.last?.seq)

        // Central IT's view: every entry, the chain checked.
        var storage = ["--database", harness.database.path]
        if let url = harness.postgresURL { storage = ["--postgres", url] }
        let (status, out, err) = try harness.run(["audit", "--devices", harness.devices.path, "--label", "kiosk", "--limit", "100000"] + storage)
        #expect(status == 0, "\(err)")
        #expect(out.contains("\(local.count) audit entries 1…\(local.count), chain verified"), "\(out)")
        #expect(out.contains("operator.login") && out.contains("op-2"))
        let (jsonStatus, json, _) = try harness.run(["audit", "--device-key", Hex.encode(fixture.deviceKey.publicKey), "--after", "10", "--limit", "5", "--json"] + storage)
        #expect(jsonStatus == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["verified"] as? Bool == true)
        #expect((object["entries"] as? [[String: Any]])?.compactMap { $0["seq"] as? Int } == [11, 12, 13, 14, 15])
        // `list` shows each kiosk's audit head beside its record head.
        let (listStatus, list, _) = try harness.run(["list", "--devices", harness.devices.path, "--json"] + storage)
        #expect(listStatus == 0)
        let kiosks = try #require((try JSONSerialization.jsonObject(with: Data(list.utf8)) as? [String: Any])?["kiosks"] as? [[String: Any]])
        #expect(kiosks.first?["audit_head"] as? Int == local.count, "\(list)")

        // A restart of both sides: a new uploader on the same store resumes after the
        // acknowledged entry, which the store kept.
        try Self.addAudit(fixture, 25)
        await harness.kill()
        try await harness.start()
        #expect(try await Self.shipAll(fixture, settings(fixture)))
        let after = try await Self.serverAudit(fixture)
        #expect(after.map(\.seq) == Array(1...Int64(after.count)), "no entry twice, none missing")
        #expect(after == (try fixture.store.auditEntries()))
    }

    /// A backlog larger than one pass sends (a kiosk upgraded after months) goes on at the
    /// next idle moment: no back-off, nothing shown as a failure.
    @Test func aBacklogLargerThanOnePassKeepsGoingWithoutAFailure() async throws {
        let harness = try IngestHarness()
        let fixture = try SyncFixture(harness: harness, records: 1)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        try await harness.start()
        try Self.addAudit(fixture, 60)
        var settings = fixture.settings()
        settings.auditBatchEntries = 8
        settings.auditRoundsPerPass = 2
        settings.idlePollMilliseconds = 100
        // Were the full pass a failure, the next would wait out this back-off.
        settings.backoff = BackoffPolicy(initialMilliseconds: 600_000, capMilliseconds: 600_000)
        let uploader = try fixture.uploader(settings)
        let before = try #require(await uploader.summary().audit)
        #expect(before.state == .pending && before.acknowledged == 0 && before.unshipped >= 60)
        let shipped = await SyncFixture.run(uploader, timeout: .seconds(240)) {
            guard fixture.backlog == 0, let local = try? fixture.store.auditEntries(), let held = try? await Self.serverAudit(fixture) else { return false }
            return held == local && (try? fixture.store.auditAcknowledged()) == local.last?.seq
        }
        #expect(shipped, "more than 16 entries shipped in passes of 16")
        let after = try #require(await uploader.summary().audit)
        #expect(after.state == .caughtUp && after.unshipped == 0 && after.problem == nil)
        #expect(after.acknowledged == (try fixture.store.auditEntries().last?.seq))
        #expect(after.acknowledgedAt != nil)
        #expect(await uploader.summary().lastError == nil)
    }

    /// Entries the centre holds are let go on the kiosk; what follows still links on the
    /// receiver, which checks every hash against the chain it holds.
    @Test func afterEntriesAreLetGoTheTrailGoesOnCentrally() async throws {
        let harness = try IngestHarness()
        let fixture = try SyncFixture(harness: harness, records: 2)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        try await harness.start()
        try Self.addAudit(fixture, 12)
        #expect(try await Self.shipAll(fixture, settings(fixture)))
        let shipped = try fixture.store.auditEntries()
        // Everything acknowledged is old enough: the kiosk's log is emptied.
        #expect(try fixture.store.pruneAudit(writtenBy: .max) == shipped.count)
        #expect(try fixture.store.auditEntries().isEmpty)
        try Self.addAudit(fixture, 5)
        try fixture.commitMore(1)
        // `shipAll` compares whole logs; the kiosk now holds only the tail.
        let caughtUp = await SyncFixture.run(try fixture.uploader(settings(fixture)), timeout: .seconds(240)) {
            guard fixture.backlog == 0, let progress = try? fixture.store.auditShippingProgress(), let held = try? await Self.serverAudit(fixture) else { return false }
            return progress.unshipped == 0 && held.last?.seq == progress.head
        }
        #expect(caughtUp)
        let held = try await Self.serverAudit(fixture)
        #expect(held.map(\.seq) == Array(1...Int64(held.count)), "the centre's trail is whole")
        #expect(Array(held.prefix(shipped.count)) == shipped)
        #expect(Array(held.dropFirst(shipped.count)) == (try fixture.store.auditEntries()))
        let progress = try fixture.store.auditShippingProgress()
        #expect(progress.letGoThrough == Int64(shipped.count) && progress.unshipped == 0)
    }

    @Test(arguments: storages)
    func tamperedOrUnlinkedBatchesAreRefusedAndStoreNothing(postgres: Bool) async throws {
        let harness = try IngestHarness(postgres: postgres)
        let fixture = try SyncFixture(harness: harness, records: 1)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        try await harness.start()
        try Self.addAudit(fixture, 6)
        #expect(try await Self.shipAll(fixture, settings(fixture)))
        let held = try await Self.serverAudit(fixture)
        let last = try #require(held.last)

        // The next entries, one of them altered after hashing (an operator id rewritten).
        try Self.addAudit(fixture, 3)
        let next = try fixture.store.auditEntries(after: last.seq)
        let forged = next.enumerated().map { i, e in
            i == 1 ? AuditEntry(seq: e.seq, at: e.at, actor: "op-someone-else", action: e.action, recordID: e.recordID, previousHash: e.previousHash, hash: e.hash) : e
        }
        let transport = try HTTPIngestTransport(settings: fixture.settings())
        let tampered = try await transport.postAudit(batch: AuditBatch.encode(forged))
        #expect(tampered.status == 422, "\(String(decoding: tampered.body, as: UTF8.self))")
        #expect(String(decoding: tampered.body, as: UTF8.self).contains("audit_chain_invalid"))
        // Sound entries that skip one: a gap, answered with the head held.
        let gap = try await transport.postAudit(batch: AuditBatch.encode(Array(next.dropFirst())))
        #expect(gap.status == 409)
        let reply = try JSONDecoder().decode(AuditHeadReply.self, from: Data(gap.body))
        #expect(reply.head == AuditHead(seq: last.seq, hash: last.hash))
        let wrongType = try await transport.postAudit(batch: Array("{\"entries\":[{\"seq\":\"x\"}]}".utf8))
        #expect(wrongType.status == 400)
        let oversized = try await transport.postAudit(batch: [UInt8](repeating: 0x20, count: AuditBatch.maximumBytes + 1))
        #expect(oversized.status == 413)
        #expect(try await Self.serverAudit(fixture) == held, "nothing of a refused batch is stored")
        // The honest batch itself goes through afterwards.
        let honest = try await transport.postAudit(batch: AuditBatch.encode(next))
        #expect(honest.status == 200)
        await transport.shutdown()
    }

    @Test func anUnregisteredKioskIsRefused() async throws {
        let harness = try IngestHarness()
        let fixture = try SyncFixture(harness: harness, records: 0)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        try await harness.start()
        try Self.addAudit(fixture, 2)
        let transport = try HTTPIngestTransport(settings: fixture.settings(certificate: "unregistered"))
        let answer = try await transport.postAudit(batch: AuditBatch.encode(try fixture.store.auditEntries()))
        #expect(answer.status == 403)
        #expect(try await Self.serverAudit(fixture).isEmpty)
        await transport.shutdown()
    }

    /// A receiver from before the audit endpoint, which cannot be run any more: the real
    /// receiver for records, 404 for every audit batch, as an older enroll-ingest answers.
    final class FakeOlderReceiver: IngestTransport {
        let real: HTTPIngestTransport
        private let auditPosts = Mutex(0)
        init(_ real: HTTPIngestTransport) { self.real = real }
        var audits: Int { auditPosts.withLock { $0 } }
        func post(batch: [UInt8]) async throws -> IngestResponse { try await real.post(batch: batch) }
        func head(deviceID: String) async throws -> IngestResponse { try await real.head(deviceID: deviceID) }
        func postAudit(batch: [UInt8]) async throws -> IngestResponse {
            auditPosts.withLock { $0 += 1 }
            return IngestResponse(status: 404, retryAfter: nil, body: Array("{\"error\":\"not_found\"}".utf8))
        }
        func shutdown() async { await real.shutdown() }
    }

    @Test func anOlderReceiverWithoutTheEndpointDoesNotStopRecords() async throws {
        let harness = try IngestHarness()
        let fixture = try SyncFixture(harness: harness, records: 4)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        try await harness.start()
        let settings = fixture.settings()
        let transport = FakeOlderReceiver(try HTTPIngestTransport(settings: settings))
        let verifier = ReceiptVerifier(receiptKey: try Curve25519.Signing.PublicKey(rawRepresentation: harness.hexFile("receipt.pub")))
        let uploader = Uploader(settings: settings, queue: StoreThread(store: fixture.store), transport: transport,
                                verifier: verifier, logger: Logger(label: "audit-test"))
        // Records first, then the audit offer (404); then more records, in the same run,
        // while the offer waits its hour.
        let task = Task { try await uploader.run() }
        defer { task.cancel() }
        #expect(await Self.wait { fixture.backlog == 0 && transport.audits >= 1 })
        try fixture.commitMore(3)
        uploader.syncNow()
        #expect(await Self.wait { fixture.backlog == 0 })
        #expect(try await fixture.serverRecords().count == 7)
        #expect(await uploader.summary().lastError == nil, "the missing endpoint is no sync failure")
        #expect(try fixture.store.auditAcknowledged() == 0, "nothing counts as shipped")
        #expect(transport.audits == 1, "offered once, then left for an hour")
        // The technician's view says why the audit log stays on the kiosk, and until when.
        let audit = try #require(await uploader.summary().audit)
        #expect(audit.state == .notOffered)
        #expect(audit.unshipped > 0 && audit.acknowledged == 0)
        #expect(audit.problem?.contains("older enroll-ingest") == true)
        #expect(audit.nextAttempt != nil)
        task.cancel()
        _ = await task.result
    }

    static func wait(_ done: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if await done() { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return await done()
    }
}
