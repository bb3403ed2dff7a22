import Crypto
import EnrollCore
import Foundation
import Store
import TestSupport
import Trust

/// A store in a fresh temporary folder with keys and a sealer, for the Store tests.
final class StoreFixture {
    let folder: URL
    let device = DeviceKey()
    let central = Curve25519.KeyAgreement.PrivateKey()
    let receiptKey = Curve25519.Signing.PrivateKey()
    var generator = SeededGenerator(seed: 5)
    let t0: Int64 = 1_764_460_800_000

    init(folder: URL? = nil) throws {
        self.folder = try folder ?? BuiltProducts.temporaryFolder()
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    static let unlimited = RecordStore.Limits(maximumQueueBytes: .max, minimumFreeBytes: 0, retentionMilliseconds: 0)

    func open(_ limits: RecordStore.Limits = unlimited) throws -> RecordStore {
        try RecordStore.open(directory: folder.path, limits: limits)
    }

    var sealer: RecordSealer { RecordSealer(deviceKey: device, recipient: central.publicKey) }
    var verifier: RecordVerifier { RecordVerifier(devicePublicKey: try! Curve25519.Signing.PublicKey(rawRepresentation: device.publicKey)) }

    /// Seals and commits one synthetic record.
    @discardableResult
    func commit(_ store: RecordStore, partBytes: Int = 2048, at now: Int64? = nil) throws -> CommittedRecord {
        let time = now ?? t0
        let payload = SyntheticRecords.payload(partBytes: partBytes, now: time, using: &generator)
        let sealer = self.sealer
        return try store.append(actor: "op-1", now: time) { head in try sealer.seal(payload, after: head, committedAt: time) }
    }

    /// A valid receipt for the stored record `sequence`, issued at `at`.
    func receipt(_ store: RecordStore, sequence: UInt64, at: Int64, validity: Int64 = 86_400_000) throws -> [UInt8] {
        guard let bytes = try store.envelopes(from: sequence, limit: 1).first?.envelope else { throw NotStored() }
        let envelope = try RecordEnvelope(decoding: bytes)
        return try ReceiptIssuer(signingKey: receiptKey).issue(for: envelope, issuedAt: at, validity: validity).encoded()
    }

    /// The validator the daemon uses: Trust's ReceiptVerifier against the stored envelope.
    func validator() -> (Receipt, [UInt8]) throws -> Void {
        ReceiptVerifier(receiptKey: receiptKey.publicKey).validator()
    }

    /// Bytes of every file of the database (main, WAL, SHM) that exists.
    func databaseFiles() -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let path = folder.appendingPathComponent(RecordStore.fileName + suffix).path
            if let data = FileManager.default.contents(atPath: path) { files[suffix.isEmpty ? "db" : suffix] = Array(data) }
        }
        return files
    }
}

func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, needle.count <= haystack.count else { return false }
    let first = needle[0]
    var start = 0
    while start <= haystack.count - needle.count {
        if haystack[start] == first, haystack[start..<start + needle.count].elementsEqual(needle) { return true }
        start += 1
    }
    return false
}

/// A test asked for a record the store does not hold.
struct NotStored: Error {}
