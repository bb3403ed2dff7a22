import EnrollCore
import EventLog
import Foundation
import Store
import Sync
import TestSupport
import Testing
import Trust

/// Records this kiosk's own database lost, accepted by a technician (`enrolld
/// --accept-lost-records`), with the real enroll-ingest over mutual TLS: the centre answers
/// `gap` for them. The outbox still holds the records before the loss, so the old decision
/// ("everything from the lowest held record on is here: re-send") tried to re-open records
/// that do not exist, failed silently and told the technician they "could not be re-opened".
/// The uploader must instead say that central IT has to acknowledge them, and carry on once
/// they have.
@Suite(.serialized, .enabled(if: IngestHarness.available, "needs the openssl CLI for the test PKI"))
struct UploaderLostRecordsTests {
    @Test func recordsLostHereWaitForCentralITAndFlowAfterIt() async throws {
        let harness = try IngestHarness(postgres: false)
        let kiosk = try SyncFixture(harness: harness, records: 1)
        // As the daemon does at start: from now on the witness follows every commit and receipt.
        _ = try kiosk.store.checkWitness(deviceID: kiosk.deviceKey.deviceID)
        try harness.register(devicePublicKey: kiosk.deviceKey.publicKey)
        try await harness.start()
        #expect(await SyncFixture.run(try kiosk.uploader(kiosk.settings()), timeout: .seconds(60)) { kiosk.backlog == 0 })
        let copy = try kiosk.backup()
        try kiosk.commitMore(2)
        // The copy taken after the first delivery is put back beside the witness of 3 records.
        try FileManager.default.copyItem(at: kiosk.storeFolder.appendingPathComponent(RecordStore.witnessFileName),
                                         to: copy.appendingPathComponent(RecordStore.witnessFileName))
        let restored = try SyncFixture(harness: harness, deviceKey: kiosk.deviceKey, storeFolder: copy)
        #expect(try restored.store.summary().headSequence == 1)
        guard case .recordsLost(let finding) = try restored.store.checkWitness(deviceID: kiosk.deviceKey.deviceID) else {
            Issue.record("the witness should find records 2…3 lost")
            return
        }
        #expect(finding.unreceiptedLost == 2...3)
        let loss = try restored.store.acceptLostRecords(through: 3, deviceID: kiosk.deviceKey.deviceID, now: WallClock.milliseconds())
        #expect(loss.lost == 2...3 && loss.receiptedThrough == 1)
        try restored.commitMore(1)

        let log = KeptLog()
        let uploader = try restored.uploader(restored.settings(), log: log)
        let task = Task { try await uploader.run() }
        defer { task.cancel() }
        var waiting = await uploader.summary()
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            waiting = await uploader.summary()
            if waiting.state == .backingOff, waiting.centralMissing != nil { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(waiting.centralMissing == CentralMissing(from: 2, through: 3, resending: false, lostHere: true))
        #expect(waiting.lastError?.contains("accept-gap --after 3") == true, "\(waiting.lastError ?? "no error")")
        #expect(waiting.lastError?.contains("could not be re-opened") == false)
        #expect(try await restored.serverRecords().map(\.sequence) == [1])
        let entries = log.messages(withID: CatalogEvent.centralAwaitsLostRecordsAcknowledgement.messageID)
        #expect(entries.count == 1 && entries.first?.contains("2…3") == true, "\(log.messages)")
        #expect(log.messages(withID: CatalogEvent.centralRecordsLost.messageID).isEmpty, "no restore of the centre to advise")

        let accepted = try harness.run(["accept-gap", "--devices", harness.devices.path, "--database", harness.database.path,
                                        "--label", "kiosk", "--after", "3"])
        #expect(accepted.0 == 0, "\(accepted)")
        // The receipt is stored (backlog 0) a moment before the answer's head ends the gap
        // episode in the uploader's status: wait for both, then check each.
        while ContinuousClock.now < deadline + .seconds(60) {
            let gapOpen = await uploader.summary().centralMissing != nil
            if restored.backlog == 0, !gapOpen { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(try await restored.serverRecords().map(\.sequence) == [1, 4])
        #expect(await uploader.summary().centralMissing == nil)
        #expect(log.messages(withID: CatalogEvent.centralAwaitsLostRecordsAcknowledgement.messageID).count == 1, "journalled once")
    }
}
