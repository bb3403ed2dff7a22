/// The readable part of a libfprint serialized print (`FP3` + GVariant
/// `(issbymsmsia{sv}v)`): who made it and, for NBIS prints, one minutiae set per
/// enroll stage. The person's name or id is never read out of it, even when present.
public struct PrintTemplate: Sendable, Equatable {
    /// libfprint's print type.
    public enum Kind: Sendable, Equatable {
        /// Driver-specific data only the same driver can match (match-on-chip readers).
        case raw
        /// Minutiae from NBIS, matchable by any bozorth3-style matcher.
        case nbis
        /// A type this parser does not know.
        case other(Int32)
    }

    public var kind: Kind
    public var driver: String
    public var deviceID: String
    /// Kept on the reader itself (match-on-chip storage).
    public var deviceStored: Bool
    /// libfprint's finger number (0 unknown, 1 left thumb … 10 right little); not ISO order.
    public var libfprintFinger: UInt8
    /// Days since the Julian epoch, as GLib's `GDate` counts; nil when unset.
    public var enrollJulianDay: Int32?
    /// One set per enroll stage; empty unless `kind == .nbis`.
    public var minutiaeSets: [[Minutia]]

    public init(kind: Kind, driver: String, deviceID: String, deviceStored: Bool, libfprintFinger: UInt8,
                enrollJulianDay: Int32?, minutiaeSets: [[Minutia]]) {
        self.kind = kind
        self.driver = driver
        self.deviceID = deviceID
        self.deviceStored = deviceStored
        self.libfprintFinger = libfprintFinger
        self.enrollJulianDay = enrollJulianDay
        self.minutiaeSets = minutiaeSets
    }

    /// Minutiae over all stages.
    public var minutiaeCount: Int { minutiaeSets.reduce(0) { $0 + $1.count } }
}
