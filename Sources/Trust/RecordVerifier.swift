import Crypto
import EnrollCore
import Foundation

/// Checks records from one device: each envelope's structure, device signature and sealed
/// digest without opening it; a chain's continuity; and, given the central private key,
/// the full payload. Shared by the kiosk's tests and the ingest server.
public struct RecordVerifier: Sendable {
    public let devicePublicKey: Curve25519.Signing.PublicKey
    public let deviceID: [UInt8]

    public init(devicePublicKey: Curve25519.Signing.PublicKey) {
        self.devicePublicKey = devicePublicKey
        deviceID = DeviceKey.deviceID(publicKey: Array(devicePublicKey.rawRepresentation))
    }

    /// Checks records of the device whose key this is (the kiosk checking its own outbox).
    public init(deviceKey: DeviceKey) {
        self.init(devicePublicKey: deviceKey.privateKey.publicKey)
    }

    /// Verifies one envelope without opening it. Checks run cheapest-first: structure,
    /// device, header signature (covers ids, sequence, previous hash, digest), digest.
    public func verify(_ bytes: [UInt8]) throws(VerificationFailure) -> RecordEnvelope {
        let envelope: RecordEnvelope
        do { envelope = try RecordEnvelope(decoding: bytes) } catch {
            throw VerificationFailure(.malformed, detail: error.description)
        }
        guard envelope.deviceID == deviceID else { throw VerificationFailure(.wrongDevice, sequence: envelope.sequence) }
        let header = bytes[0..<RecordEnvelope.signedHeaderLength]
        let signature = bytes[RecordEnvelope.signedHeaderLength..<RecordEnvelope.headerLength]
        guard devicePublicKey.isValidSignature(signature, for: header) else {
            throw VerificationFailure(.badSignature, sequence: envelope.sequence)
        }
        let sealed = bytes[RecordEnvelope.headerLength...]
        guard Array(SHA256.hash(data: sealed)) == envelope.sealedDigest else {
            throw VerificationFailure(.digestMismatch, sequence: envelope.sequence)
        }
        return envelope
    }

    /// Verifies envelopes in storage order as one chain continuing from `start`. With
    /// `expectedHead` (e.g. the last sequence acknowledged), a chain that stops short of it
    /// is reported too. Returns the new head.
    @discardableResult
    public func verifyChain(_ envelopes: [[UInt8]], from start: ChainHead = .genesis, expectedHead: ChainHead? = nil) throws(VerificationFailure) -> ChainHead {
        var checked: [(RecordEnvelope, [UInt8])] = []
        checked.reserveCapacity(envelopes.count)
        for bytes in envelopes {
            checked.append((try verify(bytes), bytes))
        }
        // Order before gaps: a swap looks like a gap at its first position otherwise.
        for (previous, next) in zip(checked, checked.dropFirst()) where next.0.sequence <= previous.0.sequence {
            throw VerificationFailure(.reordered, sequence: next.0.sequence)
        }
        var head = start
        for (envelope, bytes) in checked {
            guard envelope.sequence == head.sequence + 1 else {
                throw VerificationFailure(.missing, sequence: head.sequence + 1, detail: "next stored is \(envelope.sequence)")
            }
            guard envelope.previousHash == head.hash else { throw VerificationFailure(.chainBroken, sequence: envelope.sequence) }
            head = ChainHead(sequence: envelope.sequence, hash: RecordEnvelope.chainHash(of: bytes))
        }
        if let expectedHead {
            guard head.sequence >= expectedHead.sequence else {
                throw VerificationFailure(.truncated, sequence: head.sequence + 1, detail: "known head is \(expectedHead.sequence)")
            }
            if head.sequence == expectedHead.sequence, head.hash != expectedHead.hash {
                throw VerificationFailure(.chainBroken, sequence: head.sequence, detail: "head hash differs from the known head")
            }
        }
        return head
    }

    /// Verifies and opens a record with the central server's private key: the envelope,
    /// HPKE, the device's signature on the payload, and that the manifest agrees with the
    /// envelope.
    public func open(_ bytes: [UInt8], with centralKey: Curve25519.KeyAgreement.PrivateKey) throws(VerificationFailure) -> RecordPayload {
        let envelope = try verify(bytes)
        let sealed = envelope.sealed
        var plaintext: Data
        do {
            var recipient = try HPKE.Recipient(
                privateKey: centralKey, ciphersuite: RecordSuite.hpke, info: RecordSuite.info,
                encapsulatedKey: Data(sealed.prefix(32)))
            plaintext = try recipient.open(sealed.dropFirst(32), authenticating: envelope.sealingContext())
        } catch {
            throw VerificationFailure(.cannotOpen, sequence: envelope.sequence)
        }
        guard plaintext.count >= 64 else { throw VerificationFailure(.malformedPayload, sequence: envelope.sequence) }
        let payloadBytes = Array(plaintext.prefix(plaintext.count - 64))
        let signature = plaintext.suffix(64)
        guard devicePublicKey.isValidSignature(signature, for: RecordSuite.payloadSignedBytes(payloadBytes)) else {
            throw VerificationFailure(.payloadSignatureInvalid, sequence: envelope.sequence)
        }
        let payload: RecordPayload
        do { payload = try RecordPayload(decoding: payloadBytes) } catch {
            throw VerificationFailure(.malformedPayload, sequence: envelope.sequence, detail: error.description)
        }
        let m = payload.manifest
        guard m.recordID == envelope.recordID, m.deviceID == envelope.deviceID, m.sequence == envelope.sequence,
              m.previousHash == envelope.previousHash, m.committedAt == envelope.committedAt
        else { throw VerificationFailure(.manifestMismatch, sequence: envelope.sequence) }
        return payload
    }
}
