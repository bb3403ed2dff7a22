import CFPrint
import EnrollCore

extension LibfprintReader {
    public func enroll(finger: FingerPosition) -> AsyncThrowingStream<EnrollEvent, any Error> {
        let (stream, events) = AsyncThrowingStream<EnrollEvent, any Error>.makeStream()
        let operation: Operation
        do {
            operation = try begin()
        } catch {
            events.finish(throwing: error)
            return stream
        }
        operation.events = events
        // A consumer that stops listening cancels the enrollment.
        events.onTermination = { [cancel = operation.cancel] termination in
            if case .cancelled = termination { cancel.cancel() }
        }
        let total = enrollStages
        // Floating reference: fp_device_enroll takes it over.
        let template = fp_print_new(device)
        fp_print_set_finger(template, LibfprintPrint.finger(finger))
        let progress = EnrollProgress(reader: self, operation: operation.id, total: total, events: events)
        let device = GObjectRef(pointer: self.device)
        let ready = AsyncReady { [self] result in
            var error: UnsafeMutablePointer<GError>?
            let print = fp_device_enroll_finish(device.pointer, result, &error).map(OpaqueRef.init(pointer:))
            let failure = error.map(GLibError.init(consuming:))
            self.assumeIsolated { $0.enrollFinished(operation, print: print, error: failure) }
        }
        fp_device_enroll(device.pointer, template, operation.cancellable,
                         EnrollProgress.callback, Unmanaged.passRetained(progress).toOpaque(), EnrollProgress.destroy,
                         AsyncReady.callback, ready.userData)
        return stream
    }

    private func enrollFinished(_ operation: Operation, print reference: OpaqueRef?, error: GLibError?) {
        let events = operation.events
        guard let print = reference?.pointer else {
            let failure: ReaderError = error.map { self.failure($0, operation) } ?? .device("enrollment ended without a print")
            end(operation, failure)
            events?.finish(throwing: failure)
            return
        }
        defer { g_object_unref(UnsafeMutableRawPointer(print)) }
        do {
            let template = try LibfprintPrint.serialize(print)
            end(operation)
            events?.yield(.completed(template))
            events?.finish()
        } catch {
            end(operation, error)
            events?.finish(throwing: error)
        }
    }

    /// A stage passed or a retry: the reader will want the finger again.
    fileprivate func enrollProgressed(_ id: Int) {
        guard current?.id == id else { return }
        armFingerTimer()
    }
}

/// The enroll progress callback's state; libfprint frees it with `destroy`.
private final class EnrollProgress: @unchecked Sendable {
    // @unchecked: libfprint calls the progress callback on the GLib thread only.
    let reader: LibfprintReader
    let operation: Int
    let total: Int
    let events: AsyncThrowingStream<EnrollEvent, any Error>.Continuation

    init(reader: LibfprintReader, operation: Int, total: Int, events: AsyncThrowingStream<EnrollEvent, any Error>.Continuation) {
        self.reader = reader
        self.operation = operation
        self.total = total
        self.events = events
    }

    static let callback: FpEnrollProgress = { _, completed, _, data, error in
        let progress = Unmanaged<EnrollProgress>.fromOpaque(data!).takeUnretainedValue()
        // The error is owned by libfprint here (transfer none): read, never free.
        if let error, CFPrint_is_retry(error) != 0 {
            let reason: RetryReason = switch UInt32(bitPattern: error.pointee.code) {
            case FP_DEVICE_RETRY_TOO_SHORT.rawValue: .tooShort
            case FP_DEVICE_RETRY_CENTER_FINGER.rawValue: .centerFinger
            case FP_DEVICE_RETRY_REMOVE_FINGER.rawValue: .removeFinger
            default: .general
            }
            progress.events.yield(.retry(reason))
        } else {
            progress.events.yield(.stagePassed(completed: Int(completed), total: progress.total))
        }
        progress.reader.assumeIsolated { $0.enrollProgressed(progress.operation) }
    }

    static let destroy: GDestroyNotify = { data in
        Unmanaged<EnrollProgress>.fromOpaque(data!).release()
    }
}
