/// One line of the operator's kiosk report: a registered kiosk, or a device the storage
/// holds records for that is no longer registered (revoked), with its chain head and the
/// arrival of its newest record.
public struct KioskStatus: Sendable, Equatable {
    public enum State: String, Sendable, Codable, CaseIterable {
        /// Registered, and its newest record arrived within the silence threshold.
        case uploading
        /// Registered, and nothing new for longer than the threshold.
        case silent
        /// Registered, and no record of it stored yet.
        case neverUploaded = "never_uploaded"
        /// In storage but not in the registration file any more.
        case revoked
    }

    public let deviceID: [UInt8]
    /// The registration's label; empty for an unlabelled or revoked kiosk.
    public let label: String
    public let headSequence: UInt64
    public let lastReceivedAt: Int64?
    public let state: State
    /// Records the receiver lacks before the next one the kiosk sent (`StoredDevice.missing`).
    public let missing: ClosedRange<UInt64>?
    /// The last audit entry the receiver holds for the kiosk (`StoredDevice.auditHead`).
    public let auditHead: Int64

    public init(deviceID: [UInt8], label: String, headSequence: UInt64, lastReceivedAt: Int64?, state: State, missing: ClosedRange<UInt64>? = nil,
                auditHead: Int64 = 0) {
        self.deviceID = deviceID
        self.label = label
        self.headSequence = headSequence
        self.lastReceivedAt = lastReceivedAt
        self.state = state
        self.missing = missing
        self.auditHead = auditHead
    }

    /// The report, registered kiosks first (by label, then id), then revoked ones (by id).
    /// `now` and `silentAfter` in milliseconds; a record arriving "later" than `now` (clocks
    /// of two hosts) counts as recent.
    public static func report(registered: [RegisteredDevices.Device], stored: [StoredDevice], now: Int64, silentAfter: Int64) -> [KioskStatus] {
        var byID: [[UInt8]: StoredDevice] = [:]
        for device in stored { byID[device.deviceID] = device }
        let kiosks = registered.map { device -> KioskStatus in
            let held = byID[device.deviceID]
            let state: State
            switch held?.lastReceivedAt {
            case nil: state = .neverUploaded
            case let last?: state = now - last > silentAfter ? .silent : .uploading
            }
            return KioskStatus(deviceID: device.deviceID, label: device.label, headSequence: held?.headSequence ?? 0,
                               lastReceivedAt: held?.lastReceivedAt, state: state, missing: held?.missing,
                               auditHead: held?.auditHead ?? 0)
        }
        let registeredIDs = Set(registered.map(\.deviceID))
        let revoked = stored.filter { !registeredIDs.contains($0.deviceID) }.map {
            KioskStatus(deviceID: $0.deviceID, label: "", headSequence: $0.headSequence, lastReceivedAt: $0.lastReceivedAt, state: .revoked, missing: $0.missing,
                        auditHead: $0.auditHead)
        }
        return kiosks.sorted { $0.label != $1.label ? $0.label < $1.label : $0.deviceID.lexicographicallyPrecedes($1.deviceID) }
            + revoked.sorted { $0.deviceID.lexicographicallyPrecedes($1.deviceID) }
    }
}
