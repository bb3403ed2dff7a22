import EnrollCore
import Foundation

/// The store's side of the chain witness: whose chain it is, what was written last, and
/// whether the last write failed. Inert until `RecordStore.checkWitness` enables it (the
/// benches and the crash writer never do), so only the daemon pays for it.
final class WitnessKeeper: @unchecked Sendable {
    // @unchecked: every field is only touched while `lock` is held.
    let lock = NSLock()
    var file: ChainWitnessFile?
    var deviceID: [UInt8] = []
    var lastWritten: ChainWitness?
    var failure: String?
}
