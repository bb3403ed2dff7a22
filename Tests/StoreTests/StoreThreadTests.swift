#if canImport(Glibc)
import Glibc
#endif
import CSQLite
import Dispatch
import EnrollCore
import Foundation
import Store
import Synchronization
import TestSupport
import Testing
import Trust

@Suite("The store's own thread, on a real SQLite file")
struct StoreThreadTests {
    @Test("Store calls made from tasks run on the store thread, never on the caller's (cooperative pool) thread")
    func callsRunOnTheStoreThread() async throws {
        let fixture = try StoreFixture()
        let thread = StoreThread(store: try fixture.open())
        let sealer = fixture.sealer
        let payload = SyntheticRecords.payload(partBytes: 100, now: fixture.t0, using: &fixture.generator)
        let observed = try await withThrowingTaskGroup(of: Observation.self) { group in
            for index in 0..<8 {
                group.addTask {
                    let caller = Observation.here(on: thread)
                    let inside: Observation
                    if index == 0 {
                        inside = try await thread.run { store in
                            _ = try store.append(actor: "op-1", now: 1) { head in try sealer.seal(payload, after: head, committedAt: 1) }
                            return Observation.here(on: thread)
                        }
                    } else {
                        inside = try await thread.run { store throws(StoreError) in
                            _ = try store.head()
                            return Observation.here(on: thread)
                        }
                    }
                    #expect(!caller.onStoreThread, "a task itself never runs on the store thread")
                    #expect(caller.thread != inside.thread)
                    return inside
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(observed.count == 8)
        #expect(observed.allSatisfy { $0.onStoreThread })
        let names = observed.map(\.name)
        #expect(names.allSatisfy { $0 == StoreThread.defaultName }, "\(names)")
        #expect(Set(observed.map(\.thread)).count == 1, "every call ran on one and the same thread")
        #expect(!thread.isCurrent)
    }

    @Test("200 concurrent callers: every call completes, one at a time, no write is lost, the chain is whole")
    func manyConcurrentCallers() async throws {
        let fixture = try StoreFixture()
        let thread = StoreThread(store: try fixture.open())
        let sealer = fixture.sealer
        var generator = SeededGenerator(seed: 77)
        let payloads = (0..<100).map { SyntheticRecords.payload(partBytes: 256, now: fixture.t0 + Int64($0), using: &generator) }
        let overlap = Overlap()
        // Even tasks commit, odd ones read; every tenth commit builds for a stale chain
        // position, which the store refuses inside its transaction.
        let outcomes = await withTaskGroup(of: Outcome.self) { group in
            for index in 0..<200 {
                group.addTask {
                    if index % 2 == 1 {
                        do {
                            let depth = try await thread.run { store in
                                try overlap.during { try store.summary().depth }
                            }
                            return .read(depth)
                        } catch {
                            return .failed("\(error)")
                        }
                    }
                    let payload = payloads[index / 2]
                    let stale = index % 20 == 0
                    do {
                        let committed = try await thread.run { store in
                            try overlap.during {
                                try store.append(actor: "op-1", now: 1) { head in
                                    try sealer.seal(payload, after: stale ? .genesis : head, committedAt: 1)
                                }
                            }
                        }
                        return .committed(committed.sequence)
                    } catch let error as StoreError {
                        return stale ? .refused : .failed("\(error)")
                    } catch {
                        return .failed("not a StoreError: \(error)")
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.count == 200)
        #expect(!outcomes.contains { if case .failed = $0 { true } else { false } }, "\(outcomes)")
        let sequences = outcomes.compactMap { if case .committed(let sequence) = $0 { sequence } else { nil } }
        let refused = outcomes.filter { $0 == .refused }.count
        // The stale build at index 0 could meet an empty outbox and fit; all others are refused.
        #expect(refused == 10 || refused == 9)
        #expect(sequences.count == 100 - refused)
        #expect(sequences.sorted() == Array(1...UInt64(sequences.count)), "each commit got its own next sequence")
        #expect(overlap.most == 1, "two store calls ran at the same time")
        #expect(overlap.calls == 200)

        let (stored, head) = try await thread.run { store throws(StoreError) in (try store.envelopes(from: 0, limit: 1000), try store.head()) }
        #expect(try fixture.verifier.verifyChain(stored.map(\.envelope)) == head)
        #expect(head.sequence == UInt64(sequences.count))
    }

    @Test("A refusal inside a call reaches its caller as a StoreError, typed, and the thread goes on")
    func typedErrorLeavesTheThreadUsable() async throws {
        let fixture = try StoreFixture()
        let limits = RecordStore.Limits(maximumQueueBytes: 1000, minimumFreeBytes: 0, retentionMilliseconds: 0)
        let thread = StoreThread(store: try fixture.open(limits))
        do throws(StoreError) {
            try await thread.run { store throws(StoreError) in try store.admit(expectedRecordBytes: 2 << 20) }
            Issue.record("a 2 MiB record was admitted under a 1000-byte quota")
        } catch {
            // `error` is statically a StoreError here: the facade kept the type.
            #expect(error.isQuotaExceeded, "got \(error)")
        }
        let sealer = fixture.sealer
        let payload = SyntheticRecords.payload(partBytes: 10, now: 1, using: &fixture.generator)
        let committed = try await thread.run { store in
            try store.append(actor: "op-1", now: 1) { head in try sealer.seal(payload, after: head, committedAt: 1) }
        }
        #expect(committed.sequence == 1)
        #expect(try await thread.run { store throws(StoreError) in try store.integrityCheck() } == ["ok"])
    }

    @Test(.enabled(if: SmallFilesystem.available, "cannot mount a small tmpfs here (needs root and mount(8))"))
    func diskFullReachesTheCallerAndTheThreadGoesOn() async throws {
        let small = try SmallFilesystem(megabytes: 2)
        let fixture = try StoreFixture()
        let thread = try await StoreThread.open(directory: small.mountPoint.path, limits: StoreFixture.unlimited)
        let sealer = fixture.sealer
        var generator = SeededGenerator(seed: 9)
        var committed: UInt64 = 0
        var failure: StoreError?
        while failure == nil, committed < 100 {
            let payload = SyntheticRecords.payload(partBytes: 100_000, now: 1, using: &generator)
            do {
                committed = try await thread.run { store in
                    try store.append(actor: "op-1", now: 1) { head in try sealer.seal(payload, after: head, committedAt: 1) }
                }.sequence
            } catch let error as StoreError {
                failure = error
            }
        }
        #expect(failure?.isDiskFull == true, "got \(String(describing: failure))")
        // The failed transaction was rolled back; the thread still answers, with every commit.
        #expect(try await thread.run { store throws(StoreError) in try store.head().sequence } == committed)
        #expect(try await thread.run { store throws(StoreError) in try store.summary().depth } == Int(committed))
        withExtendedLifetime(small) {}
    }

    @Test("A commit whose task is cancelled while it waits for the thread is still carried out")
    func cancelledCallerStillCommits() async throws {
        let fixture = try StoreFixture()
        let thread = StoreThread(store: try fixture.open())
        // Hold the thread, so the commit is queued behind this job when its task is cancelled.
        let gate = DispatchSemaphore(value: 0)
        thread.post { _ in gate.wait() }
        let sealer = fixture.sealer
        let payload = SyntheticRecords.payload(partBytes: 100, now: 1, using: &fixture.generator)
        let task = Task {
            try await thread.run { store in
                try store.append(actor: "op-1", now: 1) { head in try sealer.seal(payload, after: head, committedAt: 1) }
            }
        }
        task.cancel()
        gate.signal()
        let committed = try await task.value
        #expect(committed.sequence == 1)
        #expect(try await thread.run { store throws(StoreError) in try store.head().sequence } == 1)
    }

    @Test("A write queued without waiting keeps its place before later calls")
    func postedWritesKeepTheirOrder() async throws {
        let fixture = try StoreFixture()
        let thread = StoreThread(store: try fixture.open())
        for index in 0..<20 {
            thread.post { store in try? store.recordAudit(actor: "op-1", action: "test.\(index)", recordID: nil, at: Int64(index)) }
        }
        let entries = try await thread.run { store throws(StoreError) in try store.auditEntries() }
        #expect(entries.map(\.action) == (0..<20).map { "test.\($0)" })
    }

    @Test("Letting go of the last reference closes the database at once: reopened right away, it is free")
    func reopeningRightAwayFindsTheFileFree() async throws {
        let fixture = try StoreFixture()
        let sealer = fixture.sealer
        for round in 1...10 {
            let thread = try await StoreThread.open(directory: fixture.folder.path, limits: StoreFixture.unlimited)
            let payload = SyntheticRecords.payload(partBytes: 100, now: 1, using: &fixture.generator)
            let committed = try await thread.run { store in
                try store.append(actor: "op-1", now: 1) { head in try sealer.seal(payload, after: head, committedAt: 1) }
            }
            #expect(committed.sequence == UInt64(round))
        }
        // No connection is left: another one may take the write lock at once.
        var db: OpaquePointer?
        try #require(sqlite3_open(fixture.folder.appendingPathComponent(RecordStore.fileName).path, &db) == SQLITE_OK)
        defer { sqlite3_close(db) }
        #expect(sqlite3_exec(db, "BEGIN EXCLUSIVE; COMMIT", nil, nil, nil) == SQLITE_OK)
    }

    @Test("A blocking call for synchronous start-up code runs on the store thread and keeps its error type")
    func blockingCallRunsOnTheThread() throws {
        let fixture = try StoreFixture()
        let limits = RecordStore.Limits(maximumQueueBytes: 1000, minimumFreeBytes: 0, retentionMilliseconds: 0)
        let thread = StoreThread(store: try fixture.open(limits))
        #expect(thread.runBlocking { _ in thread.isCurrent })
        #expect(try thread.runBlocking { store throws(StoreError) in try store.head().sequence } == 0)
        do throws(StoreError) {
            try thread.runBlocking { store throws(StoreError) in try store.admit(expectedRecordBytes: 2 << 20) }
            Issue.record("a 2 MiB record was admitted under a 1000-byte quota")
        } catch {
            #expect(error.isQuotaExceeded, "got \(error)")
        }
    }

    @Test("Opening on the thread reports a damaged database as a typed StoreError")
    func openingADamagedDatabaseThrowsTyped() async throws {
        let fixture = try StoreFixture()
        let path = fixture.folder.appendingPathComponent(RecordStore.fileName).path
        // Not an SQLite file at all: 64 KiB of a pattern.
        try Data((0..<65_536).map { UInt8(truncatingIfNeeded: $0 &* 37) }).write(to: URL(fileURLWithPath: path))
        do throws(StoreError) {
            _ = try await StoreThread.open(directory: fixture.folder.path, limits: StoreFixture.unlimited)
            Issue.record("a file that is not a database opened")
        } catch {
            #expect(error.isDamaged, "got \(error)")
        }
    }
}

/// Where a piece of code ran.
private struct Observation: Sendable {
    let thread: UInt
    let name: String?
    let onStoreThread: Bool

    static func here(on store: StoreThread) -> Observation {
        // The kernel's name of the thread, as ps -L and gdb show it.
        let name = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return Observation(thread: UInt(pthread_self()), name: name, onStoreThread: store.isCurrent)
    }
}

private enum Outcome: Sendable, Equatable {
    case committed(UInt64)
    case read(Int)
    case refused
    case failed(String)
}

/// Counts how many store calls run at once; a serial thread never gets past one.
private final class Overlap: Sendable {
    private let counts = Mutex((running: 0, highest: 0, total: 0))

    func during<T>(_ body: () throws -> T) rethrows -> T {
        counts.withLock { counts in
            counts.running += 1
            counts.total += 1
            counts.highest = max(counts.highest, counts.running)
        }
        defer { counts.withLock { $0.running -= 1 } }
        return try body()
    }

    var most: Int { counts.withLock { $0.highest } }
    var calls: Int { counts.withLock { $0.total } }
}
