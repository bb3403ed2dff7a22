/// A fingerprint reader, whatever drives it. One operation at a time: a second call while
/// one runs fails with `ReaderError.busy`. Every wait for a finger ends after the
/// reader's configured time-out with `ReaderError.timedOut`.
public protocol FingerprintReader: Actor {
    /// Driver, device id, name, scan type.
    nonisolated var identity: ReaderIdentity { get }
    /// Stages an enrollment takes.
    var enrollStages: Int { get }
    /// Whether the reader can take work now.
    var health: DeviceSummary.Health { get }

    /// One image from the sensor.
    func capture() async throws(ReaderError) -> CaptureOutcome
    /// Enrolls one finger; the stream ends with `.completed` or throws a `ReaderError`.
    /// Ending the iteration early cancels the enrollment.
    func enroll(finger: FingerPosition) -> AsyncThrowingStream<EnrollEvent, any Error>
    /// 1:1: does the finger on the sensor match `template`?
    func verify(_ template: FingerprintTemplate) async throws(ReaderError) -> VerifyOutcome
    /// 1:N: which of `gallery`, if any, matches the finger on the sensor?
    func identify(_ gallery: [FingerprintTemplate]) async throws(ReaderError) -> IdentifyOutcome
    /// Ends the running operation, if any, with `ReaderError.cancelled`.
    func cancel()

    /// Match-on-chip readers: the prints kept on the reader (`notSupported` elsewhere).
    func storedPrints() async throws(ReaderError) -> [FingerprintTemplate]
    /// Match-on-chip readers: deletes one stored print.
    func deleteStoredPrint(_ template: FingerprintTemplate) async throws(ReaderError)
    /// Match-on-chip readers: deletes every stored print.
    func clearStorage() async throws(ReaderError)
}
