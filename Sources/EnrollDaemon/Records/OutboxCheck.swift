import EnrollCore
import Store
import Trust

/// The start-up check of the outbox's contents (SQLite's quick_check covers the file):
/// every stored envelope verifies with this device's key and the stored records form one
/// chain ending at the store's head. Records purged after their receipt are gone, so the
/// check starts from the first stored record's own previous hash. A loss a technician
/// accepted (`RecordStore.acceptLostRecords`) is bridged: the chain may jump over exactly
/// the accepted range, to exactly the recorded hash, and nowhere else.
enum OutboxCheck {
    /// A description of the first problem, or nil when every stored record verifies. Blocks
    /// for the whole outbox: the record keeper runs it on the store thread.
    static func problem(in store: RecordStore, deviceKey: DeviceKey) -> String? {
        do {
            let verifier = RecordVerifier(deviceKey: deviceKey)
            let head = try store.head()
            let losses = try store.acceptedLosses()
            var batch = try store.envelopes(from: 0, limit: 256)
            guard let first = batch.first else { return nil }
            let firstEnvelope = try verifier.verify(first.envelope)
            var verified = ChainHead(sequence: firstEnvelope.sequence - 1, hash: firstEnvelope.previousHash)
            while !batch.isEmpty {
                // A jump is bridged only by an accepted loss of exactly the skipped range;
                // any other jump reaches verifyChain, which reports the missing record.
                if batch[0].sequence != verified.sequence + 1,
                   let loss = losses.first(where: { $0.lost.lowerBound == verified.sequence + 1 && $0.lost.upperBound + 1 == batch[0].sequence }) {
                    verified = ChainHead(sequence: loss.lost.upperBound, hash: loss.headHash)
                }
                var contiguous = 1
                while contiguous < batch.count, batch[contiguous].sequence == batch[0].sequence + UInt64(contiguous) { contiguous += 1 }
                verified = try verifier.verifyChain(batch.prefix(contiguous).map(\.envelope), from: verified)
                batch = try store.envelopes(from: verified.sequence + 1, limit: 256)
            }
            return bridged(verified, to: head, losses: losses)
        } catch {
            return "\(error)"
        }
    }

    /// Nil when the verified chain ends at the head, or reaches it across one accepted loss.
    static func bridged(_ verified: ChainHead, to head: ChainHead, losses: [AcceptedLoss]) -> String? {
        if verified == head { return nil }
        if losses.contains(where: { $0.lost.lowerBound == verified.sequence + 1 && $0.lost.upperBound == head.sequence && $0.headHash == head.hash }) {
            return nil
        }
        return "the chain ends at \(verified.sequence) but the head is \(head.sequence)"
    }
}
