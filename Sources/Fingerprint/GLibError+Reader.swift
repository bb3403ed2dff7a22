import CFPrint
import EnrollCore

extension GLibError {
    /// The retry reason, when libfprint asks for the scan to be repeated.
    var retryReason: RetryReason? {
        guard domain == .retry else { return nil }
        switch UInt32(bitPattern: code) {
        case FP_DEVICE_RETRY_TOO_SHORT.rawValue: return .tooShort
        case FP_DEVICE_RETRY_CENTER_FINGER.rawValue: return .centerFinger
        case FP_DEVICE_RETRY_REMOVE_FINGER.rawValue: return .removeFinger
        default: return .general
        }
    }

    /// The reader error this becomes. A cancel we caused because no finger came in time
    /// is a time-out, not a cancel.
    func readerError(timedOut: Bool) -> ReaderError {
        if isCancelled { return timedOut ? .timedOut() : .cancelled() }
        if domain == .io && code == Int32(G_IO_ERROR_TIMED_OUT.rawValue) { return .device("the device timed out: \(message)") }
        guard domain == .device else { return .device(message) }
        switch UInt32(bitPattern: code) {
        case FP_DEVICE_ERROR_BUSY.rawValue: return .busy()
        case FP_DEVICE_ERROR_REMOVED.rawValue: return .removed()
        case FP_DEVICE_ERROR_TOO_HOT.rawValue: return .tooHot()
        case FP_DEVICE_ERROR_NOT_SUPPORTED.rawValue: return .notSupported(message)
        case FP_DEVICE_ERROR_NOT_OPEN.rawValue: return .notOpen()
        case FP_DEVICE_ERROR_DATA_INVALID.rawValue: return .invalidTemplate(message)
        default: return .device(message)
        }
    }
}
