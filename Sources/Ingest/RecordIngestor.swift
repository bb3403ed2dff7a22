import Crypto
import EnrollCore
import Foundation
import Trust

/// The receiver's acceptance logic, independent of HTTP: authenticates the batch's device
/// by its client key, verifies each envelope (device signature, digest; with the central
/// private key also the sealed payload), lets the storage decide and commit, and signs a
/// receipt for every record stored now or before.
public struct RecordIngestor: Sendable {
    public let storage: any IngestStorage
    public let devices: any DeviceLookup
    let receiptKey: Curve25519.Signing.PrivateKey
    /// How long a receipt stays valid for the kiosk, in milliseconds.
    public let receiptValidity: Int64
    /// With them, sealed payloads are opened and their inner signature checked (`--open-key`):
    /// a record sealed to none of them is refused, never receipted, since nobody could read
    /// it once the kiosk deletes its copy. Several while the central sealing key changes.
    let openKeys: [Curve25519.KeyAgreement.PrivateKey]

    public init(storage: any IngestStorage, devices: any DeviceLookup, receiptKey: Curve25519.Signing.PrivateKey,
                receiptValidity: Int64 = 30 * 86_400_000, openKeys: [Curve25519.KeyAgreement.PrivateKey] = []) {
        self.storage = storage
        self.devices = devices
        self.receiptKey = receiptKey
        self.receiptValidity = receiptValidity
        self.openKeys = openKeys
    }

    /// The registered device presenting `clientKeyHash`, or 403; 503 while the
    /// registrations cannot be read.
    public func authenticate(clientKeyHash: [UInt8]?) throws(IngestError) -> RegisteredDevices.Device {
        if let problem = devices.unreadable {
            throw IngestError(status: 503, code: "registrations_unreadable", message: "the receiver's device registrations cannot be read; try again later")
                .noting(problem)
        }
        guard let clientKeyHash else { throw .forbidden("no client certificate") }
        guard let device = devices.device(clientKeyHash: clientKeyHash) else {
            throw .forbidden("client certificate is not registered to a device")
        }
        return device
    }

    /// Handles one `POST /v1/records` body from an authenticated device.
    public func ingest(body: [UInt8], from device: RegisteredDevices.Device, now: Int64) async throws -> IngestReply {
        let frames: [[UInt8]]
        do { frames = try RecordBatch.decode(body) } catch { throw IngestError.malformed("\(error)") }
        let verifier: RecordVerifier
        do { verifier = RecordVerifier(devicePublicKey: try Curve25519.Signing.PublicKey(rawRepresentation: device.publicKey)) } catch {
            throw IngestError.forbidden("registered key is not an Ed25519 key")
        }
        var results = [IngestReply.Result?](repeating: nil, count: frames.count)
        var checked: [(index: Int, record: CheckedEnvelope)] = []
        for (index, bytes) in frames.enumerated() {
            do {
                let envelope = try verifier.verify(bytes)
                if !openKeys.isEmpty { try Self.open(bytes, verifier, openKeys) }
                checked.append((index, CheckedEnvelope(envelope: envelope, bytes: bytes, hash: RecordEnvelope.chainHash(of: bytes))))
            } catch {
                results[index] = Self.rejected(bytes, code: Self.code(for: error.reason))
            }
        }
        let decisions = try await storage.store(device: device.deviceID, records: checked.map(\.record), receivedAt: now)
        for ((index, record), decision) in zip(checked, decisions) {
            let e = record.envelope
            switch decision {
            case .store, .duplicate:
                let receipt = try issue(record, now: now)
                results[index] = .init(recordID: e.recordID.description, sequence: e.sequence,
                                       status: decision == .store ? .stored : .duplicate, receipt: receipt)
            case .rejected(let why):
                results[index] = .init(recordID: e.recordID.description, sequence: e.sequence, status: .rejected,
                                       error: why.code, expectedSequence: why.expectedSequence)
            }
        }
        // Remembered for `enroll-ingest accept-gap`; a note that fails loses only that.
        if let gaps = storage as? any IngestGapStorage, let gap = ChainGap.first(in: checked.map(\.record), decisions: decisions, at: now) {
            try? await gaps.noteGap(device: device.deviceID, gap: gap)
        }
        let head = try await storage.head(device: device.deviceID)
        return IngestReply(results: results.map { $0! }, headSequence: head.sequence, headHash: Hex.encode(head.hash))
    }

    /// Opens with the first key the record was sealed to; the last key's failure if none.
    static func open(_ bytes: [UInt8], _ verifier: RecordVerifier, _ keys: [Curve25519.KeyAgreement.PrivateKey]) throws(VerificationFailure) {
        for (index, key) in keys.enumerated() {
            do {
                _ = try verifier.open(bytes, with: key)
                return
            } catch where error.reason == .cannotOpen && index + 1 < keys.count {
                continue
            }
        }
    }

    func issue(_ record: CheckedEnvelope, now: Int64) throws -> String {
        let e = record.envelope
        var receipt = Receipt(recordID: e.recordID, deviceID: e.deviceID, sequence: e.sequence, recordHash: record.hash,
                              issuedAt: now, notAfter: now + receiptValidity, signature: [])
        receipt.signature = Array(try receiptKey.signature(for: receipt.signedBytes()))
        return Data(receipt.encoded()).base64EncodedString()
    }

    /// A result for an envelope that failed verification; its ids are read only if the
    /// structure parses (a garbage frame has none).
    static func rejected(_ bytes: [UInt8], code: String) -> IngestReply.Result {
        let envelope = try? RecordEnvelope(decoding: bytes)
        return .init(recordID: envelope?.recordID.description ?? "", sequence: envelope?.sequence ?? 0, status: .rejected, error: code)
    }

    static func code(for reason: VerificationFailure.Reason) -> String {
        switch reason {
        case .malformed: "malformed"
        case .wrongDevice: "wrong_device"
        case .badSignature: "bad_signature"
        case .digestMismatch: "digest_mismatch"
        case .cannotOpen: "cannot_open"
        case .payloadSignatureInvalid: "payload_signature_invalid"
        case .malformedPayload: "malformed_payload"
        case .manifestMismatch: "manifest_mismatch"
        default: "invalid"
        }
    }
}
