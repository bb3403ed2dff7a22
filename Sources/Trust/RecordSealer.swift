import Crypto
import EnrollCore
import Foundation

/// Turns a payload into an envelope: fills in the chain position, signs the canonical
/// payload with the device key, seals payload + signature to the central key with HPKE,
/// then signs the envelope header. The plaintext never leaves this function.
public struct RecordSealer: Sendable {
    public let deviceKey: DeviceKey
    public let recipient: Curve25519.KeyAgreement.PublicKey

    public init(deviceKey: DeviceKey, recipient: Curve25519.KeyAgreement.PublicKey) {
        self.deviceKey = deviceKey
        self.recipient = recipient
    }

    /// With the central key as its 32 raw bytes.
    public init(deviceKey: DeviceKey, recipientRawKey: [UInt8]) throws(TrustError) {
        guard recipientRawKey.count == 32, let key = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: recipientRawKey) else {
            throw .invalidKey("central sealing key", "expected a 32-byte X25519 public key")
        }
        self.init(deviceKey: deviceKey, recipient: key)
    }

    /// Seals `payload` as the record after `head`. The manifest's device id, sequence,
    /// previous hash and commit time are set here, so they always agree with the envelope.
    public func seal(_ payload: RecordPayload, after head: ChainHead, committedAt: Int64) throws(TrustError) -> RecordEnvelope {
        var payload = payload
        payload.canonicalize()
        payload.manifest.deviceID = deviceKey.deviceID
        payload.manifest.sequence = head.sequence + 1
        payload.manifest.previousHash = head.hash
        payload.manifest.committedAt = committedAt
        let manifest = payload.manifest

        var plaintext = payload.encoded()
        let innerSignature = try deviceKey.sign(RecordSuite.payloadSignedBytes(plaintext))
        plaintext += innerSignature

        let context = RecordEnvelope.sealingContext(
            recordID: manifest.recordID, deviceID: manifest.deviceID, sequence: manifest.sequence, previousHash: manifest.previousHash)
        var sealed: [UInt8]
        do {
            var sender = try HPKE.Sender(recipientKey: recipient, ciphersuite: RecordSuite.hpke, info: RecordSuite.info)
            let ciphertext = try sender.seal(plaintext, authenticating: context)
            sealed = Array(sender.encapsulatedKey)
            sealed += ciphertext
        } catch {
            throw .sealing("HPKE failed: \(error)")
        }
        // Best effort: the plaintext buffer does not outlive this call in a readable form.
        for i in plaintext.indices { plaintext[i] = 0 }

        var envelope = RecordEnvelope(
            recordID: manifest.recordID, deviceID: manifest.deviceID, sequence: manifest.sequence,
            previousHash: manifest.previousHash, committedAt: committedAt,
            sealedDigest: Array(SHA256.hash(data: sealed)), signature: [], sealed: sealed)
        envelope.signature = try deviceKey.sign(envelope.signedHeader())
        return envelope
    }
}
