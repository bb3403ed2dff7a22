/// The central server holds more of this kiosk's chain than the kiosk's database: the
/// database was restored from a copy older than the last upload, or the disk was cloned.
/// Every record the kiosk seals now takes a place the server already filled, and would be
/// refused as `sequence_taken` for ever; so enrollments stop until a technician decides.
public struct OlderDatabase: Sendable, Equatable, CustomStringConvertible {
    /// The last sequence the server holds for this device.
    public let serverHead: UInt64
    /// The last sequence in the kiosk's database.
    public let localHead: UInt64

    public init(serverHead: UInt64, localHead: UInt64) {
        self.serverHead = serverHead
        self.localHead = localHead
    }

    /// A finding when the server is ahead, nil when it is not.
    public static func check(serverHead: UInt64, localHead: UInt64) -> OlderDatabase? {
        serverHead > localHead ? OlderDatabase(serverHead: serverHead, localHead: localHead) : nil
    }

    /// From a batch answer: its head, and the server's place in the chain as a
    /// `sequence_taken` rejection gives it (the sequence it expects next, minus one). Other
    /// rejections' expected sequences say nothing about a longer chain and are not used.
    public static func check(reply: IngestReply, localHead: UInt64) -> OlderDatabase? {
        let taken = reply.results.lazy
            .filter { $0.status == .rejected && $0.error == "sequence_taken" }
            .compactMap(\.expectedSequence)
            .map { $0 > 0 ? $0 - 1 : 0 }
            .max() ?? 0
        return check(serverHead: max(reply.headSequence, taken), localHead: localHead)
    }

    public var description: String {
        "the central server holds a longer chain for this kiosk than this database (server at sequence \(serverHead), "
            + "database at \(localHead)): the database is older than the last upload"
    }
}
