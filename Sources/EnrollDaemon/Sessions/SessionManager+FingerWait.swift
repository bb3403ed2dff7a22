import Access
import ControlAPI
import EnrollCore

/// The reader's wait for a finger as a task of its own, so that the person can call it off
/// ("I prefer not to", "this finger cannot be given") without ending the session.
extension SessionManager {
    /// One capture on the reader; the task is kept in the session until it answers.
    func waitForFinger(_ finger: FingerPosition, hub: SessionEventHub) async -> Result<CaptureOutcome, ReaderError> {
        let fingers = parts.fingers
        let name = FingerName(finger).name
        let wait = Task { () -> Result<CaptureOutcome, ReaderError> in
            do throws(ReaderError) {
                return .success(try await fingers.capture(fingerPresent: { hub.publish("finger_present", ["finger": name]) }))
            } catch {
                return .failure(error)
            }
        }
        active?.fingerWait = wait
        // The request's own cancellation still reaches the reader.
        return await withTaskCancellationHandler { await wait.value } onCancel: { wait.cancel() }
    }

    /// Ends this session's wait for a finger, if one waits. A cancelled task cancels the
    /// reader's operation even when it had not reached the reader yet (libfprint gets a
    /// cancelled GCancellable), so a call-off just after a capture started is not lost.
    func cancelFinger(_ id: String, by caller: Principal) throws(APIProblem) {
        let current = try owned(id, caller)
        guard current.capturing, let wait = current.fingerWait else { return }
        wait.cancel()
    }
}
