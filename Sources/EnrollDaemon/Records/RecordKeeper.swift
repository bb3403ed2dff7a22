import Crypto
import EnrollCore
import EventLog
import Foundation
import Logging
import Store
import Synchronization
import Trust

/// The daemon's record side: the device key, the gallery key, the store and the sealer,
/// opened at start-up from the state directory. Whatever fails is logged once with its
/// catalog event and leaves the kiosk refusing capture, never stopping the daemon: the
/// technician still needs the API to see why. Every store call goes through the store's own
/// thread (`StoreThread`), never blocking the cooperative pool.
final class RecordKeeper: Sendable {
    /// How the store came out of start-up.
    enum StoreState: Sendable {
        case open(StoreThread)
        case damaged(keptAt: String)
        /// Open, but a stored record does not verify: capture is refused.
        case chainBroken(StoreThread, String)
        case unavailable(String)
        /// The database is gone but the device key is not: a new database would restart
        /// a chain the central server expects to continue. Not created; capture refused.
        case chainMissing(String)
        /// Open, but the chain witness says committed records are gone, or cannot be read
        /// (RecordKeeper+Witness.swift): capture is refused.
        case witnessMismatch(StoreThread, WitnessProblem)
    }

    let deviceKey: DeviceKey?
    let galleryCipher: GalleryCipher?
    let storeState: StoreState
    let sealer: RecordSealer?
    let receiptVerifier: ReceiptVerifier?
    let limits: RecordStore.Limits
    private let logger: Logger
    /// Whether the last admission was refused, so the journal gets one entry per change.
    private let refusing = Mutex(false)
    /// Set by the uploader when the central server holds a longer chain than the store:
    /// the store stays open (readable) but takes no new records until a restart.
    let olderDatabase = Mutex<OlderDatabase?>(nil)

    /// A record of this size (four finger images, a face, templates) is what admission
    /// reserves room for.
    static let expectedRecordBytes = 2 << 20

    init(deviceKey: DeviceKey?, galleryCipher: GalleryCipher?, storeState: StoreState, sealer: RecordSealer?,
         receiptVerifier: ReceiptVerifier?, limits: RecordStore.Limits, logger: Logger) {
        self.deviceKey = deviceKey
        self.galleryCipher = galleryCipher
        self.storeState = storeState
        self.sealer = sealer
        self.receiptVerifier = receiptVerifier
        self.limits = limits
        self.logger = logger
    }

    /// The store when it can take new records.
    var store: StoreThread? {
        if case .open(let store) = storeState { store } else { nil }
    }

    /// The store when it is open at all (also with a broken chain: still readable).
    var openStore: StoreThread? {
        switch storeState {
        case .open(let store), .chainBroken(let store, _), .witnessMismatch(let store, _): store
        case .damaged, .unavailable, .chainMissing: nil
        }
    }

    /// Opens keys and store in `directory`; the store's integrity check and the outbox
    /// check run on the store's thread.
    static func open(directory: String, configuration: DaemonConfiguration, logger: Logger) async -> RecordKeeper {
        let limits = RecordStore.Limits(
            maximumQueueBytes: configuration.storage.maximumQueueBytes,
            minimumFreeBytes: configuration.storage.minimumFreeBytes,
            retentionMilliseconds: configuration.storage.retentionMilliseconds)

        var deviceKey: DeviceKey?
        var gallery: GalleryCipher?
        let deviceKeyExisted = FileManager.default.fileExists(atPath: directory + "/" + DeviceKey.fileName)
        do {
            let key = try DeviceKey.loadOrCreate(in: directory)
            if !deviceKeyExisted {
                logger.log(.deviceKeyCreated, "Created the device key; register it with the central server (enrollctl key show)",
                           metadata: ["device.key_id": "\(Hex.encode(key.deviceID))"])
            }
            deviceKey = key
            gallery = try GalleryCipher.loadOrCreate(in: directory)
        } catch {
            logger.log(.storageUnavailable, "Cannot load the device or gallery key: \(error)", metadata: [LogKey.error: "\(error)", LogKey.path: "\(directory)"])
        }

        var state: StoreState
        if let missing = missingChain(directory: directory, deviceKeyExisted: deviceKeyExisted) {
            logger.log(.recordChainMissing, "Enrollments are refused: \(missing)", metadata: [LogKey.path: "\(directory)"])
            state = .chainMissing(missing)
        } else {
            state = await openStore(directory: directory, limits: limits, deviceKey: deviceKey, logger: logger)
        }

        var sealer: RecordSealer?
        var receipts: ReceiptVerifier?
        let central = configuration.central
        if let deviceKey, !central.sealingPublicKey.isEmpty, !central.receiptPublicKey.isEmpty {
            do {
                let keys = try CentralKeys(sealingKeyHex: central.sealingPublicKey, receiptKeyHex: central.receiptPublicKey)
                sealer = RecordSealer(deviceKey: deviceKey, recipient: keys.sealingKey)
                // Checked by the configuration reader: 64 hex digits or "".
                let other = Hex.decode(central.otherReceiptPublicKey).flatMap { try? Curve25519.Signing.PublicKey(rawRepresentation: $0) }
                receipts = ReceiptVerifier(receiptKey: keys.receiptKey, otherReceiptKey: other)
            } catch {
                logger.log(.storageUnavailable, "The central server's keys are not usable: \(error)", metadata: [LogKey.error: "\(error)"])
            }
        }
        return RecordKeeper(deviceKey: deviceKey, galleryCipher: gallery, storeState: state, sealer: sealer,
                            receiptVerifier: receipts, limits: limits, logger: logger)
    }

    /// Checks up front that a new session may start; logs the refusal once per change.
    func admitSession() async throws(AdmissionRefusal) {
        let refusal = await refusalReason()
        let changed = refusing.withLock { was in
            defer { was = refusal != nil }
            return was != (refusal != nil)
        }
        if let refusal {
            if changed { logger.log(refusalEvent, "New enrollments are refused: \(refusal)") }
            throw AdmissionRefusal(reason: refusal)
        }
    }

    /// Why capture is refused right now, or nil.
    func refusalReason() async -> String? {
        switch storeState {
        case .damaged(let kept): return "the record database is damaged (kept at \(kept)); see the journal"
        case .unavailable(let why): return "the record database cannot be opened: \(why)"
        case .chainMissing(let why): return why
        case .chainBroken(_, let why): return "a record in the outbox does not verify (\(why)); see the journal"
        case .witnessMismatch(_, let problem):
            // The server's word comes first when it has spoken: its remedy is the one to follow.
            if let older = olderDatabase.withLock({ $0 }) { return "\(older); \(problem.reason)" }
            return problem.reason
        case .open(let store):
            if let older = olderDatabase.withLock({ $0 }) { return older.description }
            guard sealer != nil else { return "the central server's keys are not configured (central.sealing_public_key, central.receipt_public_key)" }
            do {
                try await store.run { store throws(StoreError) in try store.admit(expectedRecordBytes: Self.expectedRecordBytes) }
            } catch {
                return error.description
            }
            return nil
        }
    }

    /// Seals and commits a finished enrollment; returns only after COMMIT.
    func commit(_ payload: RecordPayload, actor: String, now: Int64) async throws -> CommittedRecord {
        guard let store, let sealer else { throw AdmissionRefusal(reason: await refusalReason() ?? "records cannot be committed") }
        do {
            let (committed, witnessFailure) = try await store.run { store in
                (try store.append(actor: actor, now: now) { head in try sealer.seal(payload, after: head, committedAt: now) }, store.witnessFailure)
            }
            // The record stands (it was committed and is acknowledged); only the witness lags.
            if let witnessFailure { logger.log(.chainWitnessNotWritten, "The chain witness could not be written after a commit: \(witnessFailure)", metadata: [LogKey.error: "\(witnessFailure)"]) }
            return committed
        } catch let error as StoreError where error.isDiskFull {
            logger.log(.storageFull, "A record could not be committed: the disk is full", metadata: [
                LogKey.record: "\(payload.manifest.recordID)", LogKey.error: "\(error)"])
            throw error
        }
    }

    /// What `/v1/queue` answers.
    func queueStatus(now: Int64) async -> QueueStatus {
        let refusal = await refusalReason()
        guard let store = openStore else {
            let storage: QueueStatus.Storage = if case .damaged = storeState { .damaged } else { .unavailable }
            return QueueStatus(storage: storage, queue: .empty, headSequence: 0, accepting: false, refusal: refusal,
                               maximumQueueBytes: limits.maximumQueueBytes, freeBytes: 0, minimumFreeBytes: limits.minimumFreeBytes)
        }
        // One hop to the store thread for the three reads.
        let (admission, stored, head) = await store.run { store in
            (store.admission(expectedRecordBytes: Self.expectedRecordBytes), try? store.summary(), try? store.head().sequence)
        }
        let summary = stored.map { Self.queueSummary($0, now: now) } ?? .empty
        let storage: QueueStatus.Storage = switch storeState {
        // A database that lost records is a broken chain to the API: no new contract value.
        case .chainBroken, .witnessMismatch: .chainBroken
        default: .open
        }
        return QueueStatus(storage: storage, queue: summary, headSequence: head ?? 0,
                           accepting: refusal == nil, refusal: refusal, maximumQueueBytes: limits.maximumQueueBytes,
                           freeBytes: admission.freeBytes, minimumFreeBytes: limits.minimumFreeBytes)
    }

    func queueSummary(now: Int64) async -> QueueSummary {
        guard let store = openStore,
              let summary = try? await store.run({ store throws(StoreError) in try store.summary() }) else { return .empty }
        return Self.queueSummary(summary, now: now)
    }

    static func queueSummary(_ summary: OutboxSummary, now: Int64) -> QueueSummary {
        QueueSummary(depth: summary.depth, bytes: summary.pendingBytes, retainedBytes: summary.bytes - summary.pendingBytes,
                     oldestAgeSeconds: summary.oldestUnsyncedAt.map { max(0, Double(now - $0) / 1000) })
    }

    var keyInfo: DeviceKeyInfo? {
        deviceKey.map { DeviceKeyInfo(algorithm: "Ed25519", deviceID: Hex.encode($0.deviceID), publicKey: Hex.encode($0.publicKey)) }
    }

    static func unixMilliseconds() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}

/// A new session was refused up front (quota, disk, damaged store, no central key).
struct AdmissionRefusal: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}
