/// What the session asks its owner to do next. The session itself does no I/O.
public enum SessionEffect: Sendable, Equatable {
    /// Ask a reader for this finger.
    case captureFinger(FingerPosition)
    case captureFace
    /// Search the gallery with the accepted captures.
    case searchDuplicates(captureIDs: [String])
    /// Build, sign, seal and queue the record.
    case commit(SessionSummary)
    /// Forget every capture and detail of this session, now.
    case wipe
}
