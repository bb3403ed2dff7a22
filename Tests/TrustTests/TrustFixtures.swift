import Crypto
import EnrollCore
import TestSupport
import Trust

/// Keys and small chains for the Trust tests.
struct TrustFixtures {
    let device = DeviceKey()
    let central = Curve25519.KeyAgreement.PrivateKey()
    let receiptKey = Curve25519.Signing.PrivateKey()

    var sealer: RecordSealer { RecordSealer(deviceKey: device, recipient: central.publicKey) }
    var verifier: RecordVerifier { RecordVerifier(devicePublicKey: try! Curve25519.Signing.PublicKey(rawRepresentation: device.publicKey)) }

    /// `count` chained envelopes with small random parts.
    func chain(_ count: Int, partBytes: Int = 512, seed: UInt64 = 1) throws -> [[UInt8]] {
        var generator = SeededGenerator(seed: seed)
        var head = ChainHead.genesis
        var envelopes: [[UInt8]] = []
        for i in 0..<count {
            let now = 1_764_460_800_000 + Int64(i) * 1000
            let payload = SyntheticRecords.payload(partBytes: partBytes, now: now, using: &generator)
            let envelope = try sealer.seal(payload, after: head, committedAt: now).encoded()
            head = ChainHead(sequence: UInt64(i + 1), hash: RecordEnvelope.chainHash(of: envelope))
            envelopes.append(envelope)
        }
        return envelopes
    }
}
