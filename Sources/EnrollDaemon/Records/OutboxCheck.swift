import EnrollCore
import Store
import Trust

/// The start-up check of the outbox's contents (SQLite's quick_check covers the file):
/// every stored envelope verifies with this device's key and the stored records form one
/// chain ending at the store's head. Records purged after their receipt are gone, so the
/// check starts from the first stored record's own previous hash.
enum OutboxCheck {
    /// A description of the first problem, or nil when every stored record verifies. Blocks
    /// for the whole outbox: the record keeper runs it on the store thread.
    static func problem(in store: RecordStore, deviceKey: DeviceKey) -> String? {
        do {
            let verifier = RecordVerifier(deviceKey: deviceKey)
            let head = try store.head()
            var batch = try store.envelopes(from: 0, limit: 256)
            guard let first = batch.first else { return nil }
            let firstEnvelope = try verifier.verify(first.envelope)
            var verified = ChainHead(sequence: firstEnvelope.sequence - 1, hash: firstEnvelope.previousHash)
            while !batch.isEmpty {
                verified = try verifier.verifyChain(batch.map(\.envelope), from: verified)
                batch = try store.envelopes(from: verified.sequence + 1, limit: 256)
            }
            if verified != head { return "the chain ends at \(verified.sequence) but the head is \(head.sequence)" }
            return nil
        } catch {
            return "\(error)"
        }
    }
}
