import CFPrint
import EnrollCore

/// What the technician's self-test reports.
public struct ReaderSelfTest: Sendable {
    public var capture: Capture
    public var captureSeconds: Double
    /// Minutiae libfprint's NBIS detector (mindtct) finds in the capture.
    public var minutiaeCount: Int
}

extension LibfprintReader {
    public func capture() async throws(ReaderError) -> CaptureOutcome {
        try await capture(observing: nil)
    }

    /// A capture that reports the finger's arrival (`.fingerPresent`) and the reader's
    /// waiting for it (`.fingerNeeded`) as they happen, for live feedback.
    public func capture(observing observer: (@Sendable (EnrollEvent) -> Void)?) async throws(ReaderError) -> CaptureOutcome {
        switch try await captureImage(detectMinutiae: false, observer: observer) {
        case .retry(let reason): .retry(reason)
        case .captured(let capture, _): .captured(capture)
        }
    }

    /// Captures one image and counts its minutiae; the time is from start to image.
    public func selfTest() async throws(ReaderError) -> ReaderSelfTestOutcome {
        let started = ContinuousClock.now
        switch try await captureImage(detectMinutiae: true) {
        case .retry(let reason): return .retry(reason)
        case .captured(let capture, let minutiae):
            let elapsed = ContinuousClock.now - started
            let seconds = elapsed.seconds
            return .passed(ReaderSelfTest(capture: capture, captureSeconds: seconds, minutiaeCount: minutiae ?? 0))
        }
    }

    private enum Captured: Sendable {
        case captured(Capture, minutiae: Int?)
        case retry(RetryReason)
    }

    private func captureImage(detectMinutiae: Bool, observer: (@Sendable (EnrollEvent) -> Void)? = nil) async throws(ReaderError) -> Captured {
        let operation = try begin()
        operation.observer = observer
        guard fp_device_has_feature(device, FP_DEVICE_FEATURE_CAPTURE) != 0 else {
            let unsupported = ReaderError.notSupported("\(identity.name) cannot deliver images (a match-on-chip reader)")
            end(operation, unsupported)
            throw unsupported
        }
        let device = GObjectRef(pointer: self.device)
        let cancellable = GObjectRef(pointer: operation.cancellable)
        let result: Result<OpaqueRef, GLibError> = await withTaskCancellationHandler {
            await GLibMainLoop.call(isolation: self, { callback, data in
                fp_device_capture(device.pointer, 1, cancellable.pointer, callback, data)
            }, finish: { result in
                var error: UnsafeMutablePointer<GError>?
                guard let image = fp_device_capture_finish(device.pointer, result, &error) else {
                    return .failure(GLibError(consuming: error!))
                }
                return .success(OpaqueRef(pointer: image))
            })
        } onCancel: { [cancel = operation.cancel] in
            cancel.cancel()
        }
        let image: OpaquePointer
        switch result {
        case .failure(let error):
            if let reason = error.retryReason {
                end(operation)
                return .retry(reason)
            }
            let readerError = failure(error, operation)
            end(operation, readerError)
            throw readerError
        case .success(let ref): image = ref.pointer
        }
        defer { g_object_unref(UnsafeMutableRawPointer(image)) }
        guard let gray = Self.grayImage(image) else {
            let failure = ReaderError.device("the driver delivered fewer image bytes than its image size")
            end(operation, failure)
            throw failure
        }
        let capture = Capture(image: gray, reader: identity)
        var minutiae: Int?
        if detectMinutiae { minutiae = await countMinutiae(image, cancellable: cancellable) }
        end(operation)
        return .captured(capture, minutiae: minutiae)
    }

    /// The image's bytes, as they came from the driver; nil if they do not fill its size.
    static func grayImage(_ image: OpaquePointer) -> FingerprintImage? {
        var length: gsize = 0
        let (width, height) = (Int(fp_image_get_width(image)), Int(fp_image_get_height(image)))
        guard let data = fp_image_get_data(image, &length), Int(length) >= width * height else { return nil }
        let pixels = Array(UnsafeBufferPointer(start: data, count: width * height))
        // libfprint reports 0 px/mm for every driver seen; 500 ppi is what its matcher assumes.
        let ppmm = fp_image_get_ppmm(image)
        return FingerprintImage(width: width, height: height, pixels: pixels, pixelsPerInch: ppmm > 0 ? ppmm * 25.4 : 500)
    }

    /// NBIS minutiae detection runs in a GLib worker thread; only its start and end are here.
    private func countMinutiae(_ image: OpaquePointer, cancellable: GObjectRef<GCancellable>) async -> Int? {
        let image = OpaqueRef(pointer: image)
        return await GLibMainLoop.call(isolation: self, { callback, data in
            fp_image_detect_minutiae(image.pointer, cancellable.pointer, callback, data)
        }, finish: { result in
            var error: UnsafeMutablePointer<GError>?
            guard fp_image_detect_minutiae_finish(image.pointer, result, &error) != 0 else {
                if let error { g_error_free(error) }
                return nil
            }
            return fp_image_get_minutiae(image.pointer).map { Int($0.pointee.len) }
        })
    }
}

/// The outcome of a self-test capture.
public enum ReaderSelfTestOutcome: Sendable {
    case passed(ReaderSelfTest)
    case retry(RetryReason)
}
