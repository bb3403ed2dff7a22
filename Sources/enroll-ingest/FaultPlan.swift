import Foundation
import Synchronization

/// Deliberate misbehaviour for the uploader's tests (`--faults`): some batches answered
/// 503 with `Retry-After`, some committed and then the connection dropped before the answer,
/// some held until the client's read time-out. Seeded, so a failing run repeats.
final class FaultPlan: Sendable {
    enum Fault: Equatable {
        case none, unavailable, dropAfterCommit, stall
    }

    let unavailable: Double
    let dropAfterCommit: Double
    let stall: Double
    let stallDuration: Duration
    private let random: Mutex<UInt64>

    /// Parses `5xx=0.3,drop=0.1,stall=0.02,seed=7,stall_seconds=20`.
    init(parsing text: String) throws {
        var values: [String: Double] = [:]
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, let value = Double(pair[1]), value >= 0 else { throw ValidationFailure("bad fault \(part)") }
            values[String(pair[0])] = value
        }
        let known: Set = ["5xx", "drop", "stall", "seed", "stall_seconds"]
        if let unknown = values.keys.first(where: { !known.contains($0) }) { throw ValidationFailure("unknown fault \(unknown)") }
        unavailable = values["5xx"] ?? 0
        dropAfterCommit = values["drop"] ?? 0
        stall = values["stall"] ?? 0
        stallDuration = .seconds(values["stall_seconds"] ?? 30)
        random = Mutex(UInt64(values["seed"] ?? 1) | 1)
    }

    init() {
        unavailable = 0; dropAfterCommit = 0; stall = 0; stallDuration = .zero
        random = Mutex(1)
    }

    /// A uniform number in [0, 1) from xorshift64*.
    private func next() -> Double {
        random.withLock { state in
            state ^= state >> 12; state ^= state << 25; state ^= state >> 27
            return Double((state &* 2_685_821_657_736_338_717) >> 11) / Double(1 << 53)
        }
    }

    /// Decided before the batch is handled (unavailable, stall) or after it committed (drop).
    func before() -> Fault {
        if unavailable > 0, next() < unavailable { return .unavailable }
        if stall > 0, next() < stall { return .stall }
        return .none
    }

    func afterCommit() -> Bool { dropAfterCommit > 0 && next() < dropAfterCommit }
}

struct ValidationFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
