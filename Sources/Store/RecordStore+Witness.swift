import EnrollCore
import Foundation

/// How the chain witness stood at start-up (`RecordStore.checkWitness`).
public enum WitnessStart: Sendable, Equatable {
    /// No witness and an empty database (a new kiosk): one was created.
    case created
    /// No witness but records in the database (an upgrade from a version without it, or the
    /// file was removed): one was created from the database's head.
    case createdForExistingChain(head: UInt64)
    /// The witness belonged to another device's chain (the kiosk became a new device and the
    /// old file stayed): replaced.
    case replacedOtherDevice
    /// The database holds every committed record; the witness is up to date.
    case consistent
    /// The database lost committed records. The witness is left as it is (evidence, and the
    /// next start finds the same), and is not written again.
    case recordsLost(WitnessFinding)
}

extension RecordStore {
    /// The witness file's name beside the database.
    public static let witnessFileName = "enrolld.head"

    /// Compares the database's head with the witness file for the chain of `deviceID`, and
    /// from then on keeps the witness after every commit and receipt. Throws (and keeps
    /// nothing) when the file exists but is not a readable witness: then nobody can tell
    /// whether records were lost, and the caller refuses enrollments until a technician
    /// looks.
    public func checkWitness(deviceID: [UInt8]) throws(StoreError) -> WitnessStart {
        let file = ChainWitnessFile(directory: directory)
        let stored = try file.read()
        let (head, receipted) = try read { c throws(StoreError) in (try Self.head(c), try Self.receiptedThrough(c)) }
        let outcome: WitnessStart
        if let stored, stored.deviceID == deviceID {
            let hashThere: [UInt8]? = try head.sequence > stored.head.sequence ? envelopeHash(sequence: stored.head.sequence) : nil
            let finding = WitnessFinding.compare(witness: stored, databaseHead: head, hashAtWitnessSequence: hashThere,
                                                 databaseReceipted: receipted)
            if finding != .consistent { return .recordsLost(finding) }
            outcome = .consistent
        } else if stored != nil {
            outcome = .replacedOtherDevice
        } else {
            outcome = head.sequence == 0 ? .created : .createdForExistingChain(head: head.sequence)
        }
        witness.lock.lock()
        witness.file = file
        witness.deviceID = deviceID
        witness.lastWritten = stored
        witness.lock.unlock()
        try writeWitness()
        return outcome
    }

    /// Why the last witness write failed, nil while it is written after each change.
    public var witnessFailure: String? {
        witness.lock.lock()
        defer { witness.lock.unlock() }
        return witness.failure
    }

    /// Brings the witness up to the committed head. Called after every commit and receipt
    /// (a `defer` in those calls), it costs two fsyncs (the file and the directory) per
    /// record: records are few (a few an hour at most on a kiosk), so that is nothing beside
    /// what SQLite's own commit costs. A failure does not undo the commit, which stands and
    /// was acknowledged; it is kept in `witnessFailure` for the daemon to refuse on.
    func refreshWitness() {
        do { try writeWitness() } catch {
            witness.lock.lock()
            witness.failure = error.description
            witness.lock.unlock()
        }
    }

    private func writeWitness() throws(StoreError) {
        witness.lock.lock()
        defer { witness.lock.unlock() }
        guard let file = witness.file else { return }
        // Read under the witness lock, so two callers cannot write their heads out of order.
        let (head, receipted) = try read { c throws(StoreError) in (try Self.head(c), try Self.receiptedThrough(c)) }
        let current = ChainWitness(deviceID: witness.deviceID, head: head, receiptedThrough: min(receipted, head.sequence))
        guard current != witness.lastWritten else { return }
        try file.write(current)
        witness.lastWritten = current
        witness.failure = nil
    }

    private func envelopeHash(sequence: UInt64) throws(StoreError) -> [UInt8]? {
        try read { c throws(StoreError) in
            let s = try c.prepare("SELECT envelope_hash FROM outbox WHERE sequence = ?1").bind(.integer(Int64(sequence)))
            return try s.step() ? s.blob(0) : nil
        }
    }

    static func receiptedThrough(_ c: SQLiteConnection) throws(StoreError) -> UInt64 {
        let s = try c.prepare("SELECT coalesce(max(sequence), 0) FROM receipts")
        _ = try s.step()
        return UInt64(max(0, s.int64(0)))
    }
}
