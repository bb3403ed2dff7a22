import EnrollCore
@testable import EnrollDaemon
import EventLog
import Foundation
import Logging
import Store
import Testing
import TestSupport

/// A database that lost committed records (here: an older copy put back) is refused up
/// front at start, journalled under its catalog entry, and comes back after the technician's
/// `enrolld --accept-lost-records N` with the chain continuing after N; a witness that cannot
/// be read refuses too; a missing one is only noted.
@Suite struct LostRecordsRefusalTests {
    let configuration = DaemonConfiguration.forRecordTests()

    func open(_ folder: URL, _ capture: KeptLog = KeptLog()) async -> RecordKeeper {
        await RecordKeeper.open(directory: folder.path, configuration: configuration, logger: Logger(label: "test") { _ in capture })
    }

    func commit(_ keeper: RecordKeeper, _ generator: inout SeededGenerator) async throws -> CommittedRecord {
        try await keeper.commit(SyntheticRecords.payload(partBytes: 500, now: 1, using: &generator), actor: "op-1", now: 1)
    }

    /// Commits one record, keeps a copy of the database, commits two more, puts the copy back.
    func restoredOlderCopy(_ folder: URL) async throws -> [CommittedRecord] {
        var generator = SeededGenerator(seed: 21)
        var committed: [CommittedRecord] = []
        let database = folder.appendingPathComponent(RecordStore.fileName).path
        do {
            let keeper = await open(folder)
            committed.append(try await commit(keeper, &generator))
        }
        try FileManager.default.copyItem(atPath: database, toPath: database + ".copy")
        do {
            let keeper = await open(folder)
            for _ in 0..<2 { committed.append(try await commit(keeper, &generator)) }
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        try FileManager.default.moveItem(atPath: database + ".copy", toPath: database)
        return committed
    }

    @Test func lostRecordsAreRefusedUntilTheLossIsAccepted() async throws {
        let folder = try BuiltProducts.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let committed = try await restoredOlderCopy(folder)
        do {
            let capture = KeptLog()
            let keeper = await open(folder, capture)
            let status = await keeper.queueStatus(now: 1)
            #expect(!status.accepting && status.storage == .chainBroken && status.headSequence == 1)
            #expect(status.refusal?.contains("lost committed records 2…3") == true, "\(status.refusal ?? "")")
            #expect(status.refusal?.contains("had not been receipted") == true)
            await #expect(throws: AdmissionRefusal.self) { try await keeper.admitSession() }
            let entries = capture.messages(withID: CatalogEvent.recordsLostFromDatabase.messageID)
            #expect(entries.count == 2, "the finding at start and the refusal it causes: \(capture.messages)")
            #expect(capture.entries.contains { $0.level == .error && $0.metadata["chain.lost_through"] == "3" && $0.metadata["chain.database_head"] == "1" })
            var other = SeededGenerator(seed: 23)
            let payload = SyntheticRecords.payload(partBytes: 500, now: 1, using: &other)
            await #expect(throws: (any Error).self, "no record is sealed into the lost places") { _ = try await keeper.commit(payload, actor: "op-1", now: 1) }
        }
        #expect(throws: LostRecordsAcceptance.Failure.self, "only the witness's head is accepted") {
            try LostRecordsAcceptance.run(stateDirectory: folder.path, through: 2, now: 5)
        }
        let text = try LostRecordsAcceptance.run(stateDirectory: folder.path, through: 3, now: 5)
        #expect(text.contains("accept-gap --after 3"), "\(text)")
        var generator = SeededGenerator(seed: 22)
        do {
            let keeper = await open(folder)
            try await keeper.admitSession()
            let next = try await commit(keeper, &generator)
            #expect(next.sequence == 4)
            #expect(await keeper.queueStatus(now: 1).headSequence == 4)
        }
        // The next start verifies the outbox (records 1 and 4) across the accepted loss.
        let capture = KeptLog()
        let keeper = await open(folder, capture)
        #expect(await keeper.queueStatus(now: 1).storage == .open, "\(capture.messages)")
        try await keeper.admitSession()
        withExtendedLifetime(committed) {}
    }

    @Test func theServersFindingLeadsWhenItHasSpoken() async throws {
        let folder = try BuiltProducts.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try await restoredOlderCopy(folder)
        let keeper = await open(folder)
        #expect(keeper.refusalEvent == .recordsLostFromDatabase)
        keeper.noteOlderDatabase(OlderDatabase(serverHead: 3, localHead: 1))
        let refusal = await keeper.refusalReason() ?? ""
        #expect(refusal.contains("older than the last upload") && refusal.contains("lost committed records 2…3"), "\(refusal)")
        #expect(keeper.refusalEvent == .databaseOlderThanServer)
    }

    @Test func anUnreadableWitnessRefusesAndIsLeftAlone() async throws {
        let folder = try BuiltProducts.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SeededGenerator(seed: 24)
        do { _ = try await commit(await open(folder), &generator) }
        let witness = folder.appendingPathComponent(RecordStore.witnessFileName)
        try Data("enrolld-chain-witness 1\ndevice 00\n".utf8).write(to: witness)
        let capture = KeptLog()
        let keeper = await open(folder, capture)
        let status = await keeper.queueStatus(now: 1)
        #expect(!status.accepting && status.refusal?.contains("chain witness cannot be read") == true, "\(status.refusal ?? "")")
        #expect(capture.messages(withID: CatalogEvent.chainWitnessUnreadable.messageID).count == 1)
        #expect(try Data(contentsOf: witness) == Data("enrolld-chain-witness 1\ndevice 00\n".utf8))
    }

    @Test func aMissingWitnessBesideRecordsIsNotedAndWritten() async throws {
        let folder = try BuiltProducts.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SeededGenerator(seed: 25)
        do {
            let capture = KeptLog()
            _ = try await commit(await open(folder, capture), &generator)
            #expect(capture.messages(withID: CatalogEvent.chainWitnessCreated.messageID).isEmpty, "a fresh kiosk says nothing")
        }
        let witness = folder.appendingPathComponent(RecordStore.witnessFileName)
        try FileManager.default.removeItem(at: witness)
        let capture = KeptLog()
        let keeper = await open(folder, capture)
        try await keeper.admitSession()
        let notes = capture.entries.filter { $0.id == CatalogEvent.chainWitnessCreated.messageID }
        #expect(notes.count == 1 && notes.first?.level == .notice, "\(capture.messages)")
        #expect(FileManager.default.fileExists(atPath: witness.path))
    }
}

/// A witness that cannot be written after a commit leaves the commit standing and is
/// journalled; the next commit that can write it catches up.
@Suite struct WitnessWriteFailureTests {
    @Test func aCommitStandsAndTheFailureIsJournalled() async throws {
        let folder = try BuiltProducts.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let capture = KeptLog()
        let keeper = await RecordKeeper.open(directory: folder.path, configuration: DaemonConfiguration.forRecordTests(),
                                             logger: Logger(label: "test") { _ in capture })
        var generator = SeededGenerator(seed: 26)
        // A directory where the temporary file goes: unlink cannot remove it, O_EXCL refuses it (also for root).
        let blocker = folder.appendingPathComponent(RecordStore.witnessFileName + ".tmp")
        try FileManager.default.createDirectory(at: blocker, withIntermediateDirectories: false)
        let first = try await keeper.commit(SyntheticRecords.payload(partBytes: 500, now: 1, using: &generator), actor: "op-1", now: 1)
        #expect(first.sequence == 1)
        #expect(capture.messages(withID: CatalogEvent.chainWitnessNotWritten.messageID).count == 1, "\(capture.messages)")
        try FileManager.default.removeItem(at: blocker)
        _ = try await keeper.commit(SyntheticRecords.payload(partBytes: 500, now: 2, using: &generator), actor: "op-1", now: 2)
        #expect(capture.messages(withID: CatalogEvent.chainWitnessNotWritten.messageID).count == 1)
        let witness = try ChainWitness(decoding: Array(try Data(contentsOf: folder.appendingPathComponent(RecordStore.witnessFileName))))
        #expect(witness.head.sequence == 2)
    }
}
