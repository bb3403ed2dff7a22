/// Spots a device that keeps coming and going — a loose USB cable, a worn port, a hub
/// short of power — so the journal says so once instead of filling with plug events, and a
/// technician learns which part to check. Pure bookkeeping: the caller passes the time.
public struct DeviceChurn: Sendable {
    /// Removals of one device within `window` that mark it as churning.
    public let threshold: Int
    /// Milliseconds over which removals are counted, and between summaries.
    public let window: Int64

    /// What to do with one plug event.
    public enum Decision: Sendable, Equatable {
        /// Journal it as usual.
        case journal
        /// Journal it, and warn once that the device is churning (`removals` in the window).
        case journalAndWarn(removals: Int)
        /// Count it for the next summary instead of journalling it.
        case hold
    }

    private var removals: [String: [Int64]] = [:]
    /// Devices being summarised, with the events held since the last summary.
    private var held: [String: Int] = [:]

    public init(threshold: Int = 3, window: Int64 = 10 * 60 * 1000) {
        precondition(threshold >= 1 && window > 0)
        self.threshold = threshold
        self.window = window
    }

    /// One arrival (`removal` false) or removal of device `id` at `now` (milliseconds).
    public mutating func note(id: String, removal: Bool, at now: Int64) -> Decision {
        var times = (removals[id] ?? []).filter { now - $0 < window }
        if removal { times.append(now) }
        removals[id] = times.isEmpty ? nil : times
        if let count = held[id] {
            held[id] = count + 1
            return .hold
        }
        guard removal, times.count >= threshold else { return .journal }
        held[id] = 0
        return .journalAndWarn(removals: times.count)
    }

    /// At the end of a summary period for `id`: how many events were held (nil when the
    /// device is not being summarised). Summarising goes on while the device still churns,
    /// and ends once it has been removed fewer than `threshold` times within the window.
    public mutating func summarise(id: String, at now: Int64) -> Summary? {
        guard let count = held[id] else { return nil }
        let recent = (removals[id] ?? []).filter { now - $0 < window }
        removals[id] = recent.isEmpty ? nil : recent
        let stillChurning = recent.count >= threshold
        held[id] = stillChurning ? 0 : nil
        return Summary(heldEvents: count, stillChurning: stillChurning)
    }

    public struct Summary: Sendable, Equatable {
        /// Plug events not journalled one by one since the last summary.
        public var heldEvents: Int
        /// Whether the next period will be summarised too.
        public var stillChurning: Bool

        public init(heldEvents: Int, stillChurning: Bool) {
            self.heldEvents = heldEvents
            self.stillChurning = stillChurning
        }
    }
}
