#if canImport(Glibc)
import Glibc
#endif
import EnrollCore
import Foundation
import Store
import Testing
import Trust

/// The chain witness with real SQLite files: the store keeps it after every commit and
/// receipt, and a database that silently lost committed records (a torn WAL, a deleted WAL,
/// an older copy put back) is found at the next open.
@Suite("Chain witness")
struct ChainWitnessStoreTests {
    func path(_ fixture: StoreFixture, _ name: String) -> String { fixture.folder.appendingPathComponent(name).path }
    func witnessPath(_ fixture: StoreFixture) -> String { path(fixture, RecordStore.witnessFileName) }

    func storedWitness(_ fixture: StoreFixture) throws -> ChainWitness {
        try ChainWitness(decoding: Array(try Data(contentsOf: URL(fileURLWithPath: witnessPath(fixture)))))
    }

    /// A store whose witness is kept, with `count` records committed; closed without a
    /// checkpoint as the daemon's stop does, so the records are in the WAL only.
    func kiosk(_ fixture: StoreFixture, records count: Int, partBytes: Int = 2048) throws -> [CommittedRecord] {
        let store = try fixture.open()
        #expect(try store.checkWitness(deviceID: fixture.device.deviceID) == .created)
        var committed: [CommittedRecord] = []
        for index in 0..<count { committed.append(try fixture.commit(store, partBytes: partBytes, at: fixture.t0 + Int64(index))) }
        #expect(store.skipCheckpointOnClose())
        return committed
    }

    @Test("A fresh database gets a witness, and every commit moves it to the committed head")
    func freshStartAndCommits() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        #expect(try store.checkWitness(deviceID: fixture.device.deviceID) == .created)
        #expect(try storedWitness(fixture).head == .genesis)
        for index in 0..<3 {
            let record = try fixture.commit(store, at: fixture.t0 + Int64(index))
            let witness = try storedWitness(fixture)
            #expect(witness.head == ChainHead(sequence: record.sequence, hash: record.hash))
            #expect(witness.deviceID == fixture.device.deviceID && witness.receiptedThrough == 0)
        }
        var mode = stat()
        #expect(stat(witnessPath(fixture), &mode) == 0 && mode.st_mode & 0o777 == 0o600)
        #expect(access(witnessPath(fixture) + ".tmp", F_OK) != 0, "no temporary file left behind")
        #expect(store.witnessFailure == nil)
        #expect(try store.checkWitness(deviceID: fixture.device.deviceID) == .consistent)
    }

    @Test("Receipts move the witness's receipted mark")
    func receiptsAreWitnessed() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        _ = try store.checkWitness(deviceID: fixture.device.deviceID)
        for index in 0..<3 { try fixture.commit(store, at: fixture.t0 + Int64(index)) }
        try store.acceptReceipt(try fixture.receipt(store, sequence: 1, at: fixture.t0), now: fixture.t0, validate: fixture.validator())
        #expect(try storedWitness(fixture).receiptedThrough == 1)
        let batch = try [2, 3].map { try fixture.receipt(store, sequence: UInt64($0), at: fixture.t0) }
        _ = try store.acceptReceipts(batch, now: fixture.t0, validate: fixture.validator())
        #expect(try storedWitness(fixture).receiptedThrough == 3 && storedWitness(fixture).head.sequence == 3)
    }

    @Test("Upgrade: a database with records and no witness starts, and gets one")
    func upgradeFromAVersionWithoutTheWitness() throws {
        let fixture = try StoreFixture()
        do {
            let store = try fixture.open()  // as the old version: no witness kept
            for index in 0..<2 { try fixture.commit(store, at: fixture.t0 + Int64(index)) }
        }
        #expect(access(witnessPath(fixture), F_OK) != 0)
        let store = try fixture.open()
        #expect(try store.checkWitness(deviceID: fixture.device.deviceID) == .createdForExistingChain(head: 2))
        #expect(try storedWitness(fixture).head == store.head())
    }

    @Test("The walkthrough: 4 KiB overwritten at offset 1,000,000 of the WAL drops the later records, and the witness finds them")
    func tornWAL() throws {
        let fixture = try StoreFixture()
        let committed = try kiosk(fixture, records: 4, partBytes: 300_000)
        let wal = path(fixture, RecordStore.fileName + "-wal")
        let size = (try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
        try #require(size > 1_004_096, "the four records reach past the damage (WAL \(size) bytes)")
        let handle = try #require(FileHandle(forUpdatingAtPath: wal))
        try handle.seek(toOffset: 1_000_000)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 4096))
        try handle.close()

        let store = try fixture.open()
        // What made it silent: SQLite sees a sound database, shorter.
        #expect(try store.integrityCheck() == ["ok"])
        let head = try store.head().sequence
        try #require(head < 4, "WAL recovery dropped the frames after the damage")
        let lost = head + 1...committed[3].sequence
        #expect(try store.checkWitness(deviceID: fixture.device.deviceID)
            == .recordsLost(.recordsLost(lost: lost, databaseHead: head, receiptedThrough: 0)))
        // The witness is left as evidence, and the next start finds the same.
        #expect(try storedWitness(fixture).head == ChainHead(sequence: 4, hash: committed[3].hash))
        #expect(try store.checkWitness(deviceID: fixture.device.deviceID)
            == .recordsLost(.recordsLost(lost: lost, databaseHead: head, receiptedThrough: 0)))
    }

    @Test("A deleted WAL loses every record since the last checkpoint")
    func deletedWAL() throws {
        let fixture = try StoreFixture()
        _ = try kiosk(fixture, records: 3)
        for suffix in ["-wal", "-shm"] { unlink(path(fixture, RecordStore.fileName + suffix)) }
        let store = try fixture.open()
        #expect(try store.head().sequence == 0)
        #expect(try store.checkWitness(deviceID: fixture.device.deviceID)
            == .recordsLost(.recordsLost(lost: 1...3, databaseHead: 0, receiptedThrough: 0)))
    }

    @Test("An older copy of the database put back is behind the witness, and the receipted part is named")
    func olderCopyRestored() throws {
        let fixture = try StoreFixture()
        let copy = path(fixture, "older.sqlite")
        do {
            let store = try fixture.open()
            _ = try store.checkWitness(deviceID: fixture.device.deviceID)
            for index in 0..<2 { try fixture.commit(store, at: fixture.t0 + Int64(index)) }
            try store.checkpointTruncate()
            try FileManager.default.copyItem(atPath: path(fixture, RecordStore.fileName), toPath: copy)
            for index in 2..<4 { try fixture.commit(store, at: fixture.t0 + Int64(index)) }
            try store.acceptReceipt(try fixture.receipt(store, sequence: 3, at: fixture.t0), now: fixture.t0, validate: fixture.validator())
        }
        for suffix in ["", "-wal", "-shm"] { unlink(path(fixture, RecordStore.fileName + suffix)) }
        try FileManager.default.copyItem(atPath: copy, toPath: path(fixture, RecordStore.fileName))
        let store = try fixture.open()
        let outcome = try store.checkWitness(deviceID: fixture.device.deviceID)
        #expect(outcome == .recordsLost(.recordsLost(lost: 3...4, databaseHead: 2, receiptedThrough: 3)))
        if case .recordsLost(let finding) = outcome {
            #expect(finding.receiptedLost == 3...3 && finding.unreceiptedLost == 4...4)
        }
    }

    @Test("A record taken the lost one's place (the witness could not follow) is found too")
    func sameSequenceOtherRecord() throws {
        let fixture = try StoreFixture()
        let copy = path(fixture, "older.sqlite")
        do {
            let store = try fixture.open()
            _ = try store.checkWitness(deviceID: fixture.device.deviceID)
            try fixture.commit(store, at: fixture.t0)
            try store.checkpointTruncate()
            try FileManager.default.copyItem(atPath: path(fixture, RecordStore.fileName), toPath: copy)
            try fixture.commit(store, at: fixture.t0 + 1)
        }
        for suffix in ["", "-wal", "-shm"] { unlink(path(fixture, RecordStore.fileName + suffix)) }
        try FileManager.default.copyItem(atPath: copy, toPath: path(fixture, RecordStore.fileName))
        do {
            let store = try fixture.open()  // witness not kept: as when its write failed
            try fixture.commit(store, at: fixture.t0 + 2)
        }
        #expect(try fixture.open().checkWitness(deviceID: fixture.device.deviceID)
            == .recordsLost(.recordsLost(lost: 2...2, databaseHead: 2, receiptedThrough: 0)))
    }

    @Test("Another device's witness (the kiosk became a new device) is replaced")
    func otherDevicesWitness() throws {
        let fixture = try StoreFixture()
        let other = ChainWitness(deviceID: DeviceKey().deviceID, head: ChainHead(sequence: 9, hash: [UInt8](repeating: 9, count: 32)), receiptedThrough: 0)
        try Data(other.encoded()).write(to: URL(fileURLWithPath: witnessPath(fixture)))
        let store = try fixture.open()
        #expect(try store.checkWitness(deviceID: fixture.device.deviceID) == .replacedOtherDevice)
        #expect(try storedWitness(fixture).deviceID == fixture.device.deviceID)
    }

    enum Hostile: String, CaseIterable { case truncated, garbage, huge, directory, symlink, fifo, empty }

    func plant(_ kind: Hostile, in fixture: StoreFixture, valid: [UInt8]) throws {
        let target = witnessPath(fixture)
        unlink(target)
        switch kind {
        case .truncated: try Data(valid.prefix(valid.count / 2)).write(to: URL(fileURLWithPath: target))
        case .garbage: try Data((0..<200).map { UInt8(truncatingIfNeeded: $0 &* 37) }).write(to: URL(fileURLWithPath: target))
        case .huge: try Data(repeating: 0x41, count: 8 << 20).write(to: URL(fileURLWithPath: target))
        case .directory: try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        case .symlink:
            // Even to a valid witness: a link could point anywhere.
            let real = path(fixture, "elsewhere")
            try Data(valid).write(to: URL(fileURLWithPath: real))
            #expect(symlink(real, target) == 0)
        case .fifo: #expect(mkfifo(target, 0o600) == 0)
        case .empty: try Data().write(to: URL(fileURLWithPath: target))
        }
    }

    @Test("A hostile witness file is a clear error, never a crash or a hang, and is left alone", arguments: Hostile.allCases)
    func hostileWitness(_ kind: Hostile) throws {
        let fixture = try StoreFixture()
        _ = try kiosk(fixture, records: 2)
        let valid = Array(try Data(contentsOf: URL(fileURLWithPath: witnessPath(fixture))))
        try plant(kind, in: fixture, valid: valid)
        var before = stat()
        lstat(witnessPath(fixture), &before)
        let store = try fixture.open()
        do {
            let outcome = try store.checkWitness(deviceID: fixture.device.deviceID)
            Issue.record("a \(kind) witness was taken: \(outcome)")
        } catch {
            #expect("\(error)".contains(RecordStore.witnessFileName), "names the file: \(error)")
        }
        // Not enabled: a commit does not overwrite the evidence.
        try fixture.commit(store, at: fixture.t0 + 10)
        var after = stat()
        lstat(witnessPath(fixture), &after)
        #expect(after.st_ino == before.st_ino && after.st_size == before.st_size && after.st_mode == before.st_mode)
    }

    @Test("Accepting the loss continues the chain after the lost records, chained to the last of them")
    func acceptingTheLoss() throws {
        let fixture = try StoreFixture()
        let committed = try kiosk(fixture, records: 3)
        for suffix in ["-wal", "-shm"] { unlink(path(fixture, RecordStore.fileName + suffix)) }
        let store = try fixture.open()
        #expect(throws: StoreError.self, "only the witness's own head") {
            try store.acceptLostRecords(through: 2, deviceID: fixture.device.deviceID, now: fixture.t0)
        }
        #expect(throws: StoreError.self, "only this device's chain") {
            try store.acceptLostRecords(through: 3, deviceID: DeviceKey().deviceID, now: fixture.t0)
        }
        #expect(try store.head().sequence == 0, "nothing changed by a refused acceptance")
        let loss = try store.acceptLostRecords(through: 3, deviceID: fixture.device.deviceID, now: fixture.t0)
        #expect(loss.lost == 1...3 && loss.headHash == committed[2].hash && loss.receiptedThrough == 0)
        #expect(try store.head() == ChainHead(sequence: 3, hash: committed[2].hash))
        #expect(try store.acceptedLosses() == [loss])
        #expect(try store.checkWitness(deviceID: fixture.device.deviceID) == .consistent)
        let next = try fixture.commit(store, at: fixture.t0 + 5)
        let envelope = try RecordEnvelope(decoding: try store.envelopes(from: 4, limit: 1)[0].envelope)
        #expect(next.sequence == 4 && envelope.previousHash == committed[2].hash)
        #expect(throws: StoreError.self, "a second acceptance finds nothing lost") {
            try store.acceptLostRecords(through: 4, deviceID: fixture.device.deviceID, now: fixture.t0)
        }
        #expect(try store.auditEntries().filter { $0.action == "chain.loss_accepted" }.count == 1)
        #expect(try store.verifyAuditLog() > 0)
    }
}
