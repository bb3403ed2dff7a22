/// A stored record whose envelope the central office erased (a person's request to have
/// their data deleted, an enrollment made in error). Its place in the device's chain and its
/// hash stay: the chain still verifies across it, and a kiosk that sends it again (after a
/// restore, a retry) is answered "already there" instead of storing it anew.
public struct ErasedRecord: Sendable, Equatable {
    public let deviceID: [UInt8]
    public let sequence: UInt64
    /// It had been erased before: nothing changed now.
    public let alreadyErased: Bool

    public init(deviceID: [UInt8], sequence: UInt64, alreadyErased: Bool) {
        self.deviceID = deviceID
        self.sequence = sequence
        self.alreadyErased = alreadyErased
    }
}
