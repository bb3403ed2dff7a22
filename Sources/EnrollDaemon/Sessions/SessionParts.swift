import EnrollCore
import Fingerprint

/// One finger capture from whichever reader the session uses.
protocol FingerCapturing: Sendable {
    /// One capture; `fingerPresent` is called when the reader senses the finger.
    func capture(fingerPresent: @escaping @Sendable () -> Void) async throws(ReaderError) -> CaptureOutcome
    /// The minutiae of an accepted capture, for the duplicate check and the record's
    /// template; nil when none can be found.
    func minutiae(of image: FingerprintImage) async -> [Minutia]?
    /// Ends a running capture (the session was cancelled or timed out).
    func cancel() async
}

/// Live frames for the face step.
protocol FaceCamera: Sendable {
    /// Frames as RGB until `stop()` or a failure.
    func frames() async throws -> AsyncThrowingStream<FaceFrame, any Error>
    func stop() async
}

/// Admission and commit, as the session needs them from the record keeper.
protocol SessionRecords: Sendable {
    /// Throws the reason new sessions are refused right now.
    func admit() async throws(AdmissionRefusal)
    /// Seals and commits; returns the record id after COMMIT.
    func commit(_ payload: RecordPayload, actor: String) async throws -> String
    /// Appends to the audit log (ids and verbs only) and returns once the entry is on disk;
    /// throws (after logging it) when it cannot be written.
    func audit(actor: String, action: String, recordID: String?) async throws
}

/// The first reader libfprint offers, as the session's finger source.
struct LibfprintFingerCapture: FingerCapturing {
    let source: LibfprintDeviceSource

    func capture(fingerPresent: @escaping @Sendable () -> Void) async throws(ReaderError) -> CaptureOutcome {
        guard let reader = await source.readers().first else { throw ReaderError.removed("no fingerprint reader is connected") }
        return try await reader.capture(observing: { event in
            if event == .fingerPresent { fingerPresent() }
        })
    }

    /// libfprint's own detector, as in the prints its readers make.
    func minutiae(of image: FingerprintImage) async -> [Minutia]? {
        guard let reader = await source.readers().first else { return nil }
        return await reader.minutiae(of: image)
    }

    func cancel() async {
        for reader in await source.readers() { await reader.cancel() }
    }
}
