/// What happens during an enrollment, in order, for the kiosk to show.
public enum EnrollEvent: Sendable, Equatable {
    /// The reader waits for the finger.
    case fingerNeeded
    /// The reader senses the finger.
    case fingerPresent
    /// Stage `completed` of `total` passed.
    case stagePassed(completed: Int, total: Int)
    /// The last scan did not count; show the reason and ask again.
    case retry(RetryReason)
    /// Enrollment finished; the last event of the stream.
    case completed(FingerprintTemplate)
}

/// The end of a verify.
public enum VerifyOutcome: Sendable, Equatable {
    case match
    case noMatch
    case retry(RetryReason)
}

/// The end of an identify over a gallery.
public enum IdentifyOutcome: Sendable, Equatable {
    /// The gallery entry at this index matched.
    case match(index: Int)
    case noMatch
    case retry(RetryReason)
}

/// The end of a capture.
public enum CaptureOutcome: Sendable, Equatable {
    case captured(Capture)
    case retry(RetryReason)
}
