import CFPrint
import EnrollCore

extension LibfprintReader {
    public func verify(_ template: FingerprintTemplate) async throws(ReaderError) -> VerifyOutcome {
        let print = try LibfprintPrint.deserialize(template)
        defer { g_object_unref(UnsafeMutableRawPointer(print)) }
        let operation = try begin()
        let device = GObjectRef(pointer: self.device)
        let cancellable = GObjectRef(pointer: operation.cancellable)
        nonisolated(unsafe) let enrolled = print
        let result: Result<Bool, GLibError> = await withTaskCancellationHandler {
            await GLibMainLoop.call(isolation: self, { callback, data in
                fp_device_verify(device.pointer, enrolled, cancellable.pointer, nil, nil, nil, callback, data)
            }, finish: { result in
                var error: UnsafeMutablePointer<GError>?
                var matched: gboolean = 0
                var scanned: OpaquePointer?
                let ok = fp_device_verify_finish(device.pointer, result, &matched, &scanned, &error)
                if let scanned { g_object_unref(UnsafeMutableRawPointer(scanned)) }
                return ok != 0 ? .success(matched != 0) : .failure(GLibError(consuming: error!))
            })
        } onCancel: { [cancel = operation.cancel] in
            cancel.cancel()
        }
        switch result {
        case .success(let matched):
            end(operation)
            return matched ? .match : .noMatch
        case .failure(let error):
            if let reason = error.retryReason {
                end(operation)
                return .retry(reason)
            }
            let failure = failure(error, operation)
            end(operation, failure)
            throw failure
        }
    }

    /// Matching runs on the GLib thread and stalls every reader while it runs: keep
    /// galleries small here and search large ones outside libfprint.
    public func identify(_ gallery: [FingerprintTemplate]) async throws(ReaderError) -> IdentifyOutcome {
        guard gallery.count <= Self.maximumGallery else {
            throw .notSupported("a gallery of \(gallery.count) prints (at most \(Self.maximumGallery) on the reader)")
        }
        var prints: [OpaquePointer] = []
        defer { for print in prints { g_object_unref(UnsafeMutableRawPointer(print)) } }
        for template in gallery { prints.append(try LibfprintPrint.deserialize(template)) }
        let operation = try begin()
        let array = g_ptr_array_new()!
        defer { g_ptr_array_unref(array) }
        for print in prints { g_ptr_array_add(array, UnsafeMutableRawPointer(print)) }
        let device = GObjectRef(pointer: self.device)
        let cancellable = GObjectRef(pointer: operation.cancellable)
        let candidates = GObjectRef(pointer: array)
        nonisolated(unsafe) let gallery = prints
        let result: Result<Int?, GLibError> = await withTaskCancellationHandler {
            await GLibMainLoop.call(isolation: self, { callback, data in
                fp_device_identify(device.pointer, candidates.pointer, cancellable.pointer, nil, nil, nil, callback, data)
            }, finish: { result in
                var error: UnsafeMutablePointer<GError>?
                var match: OpaquePointer?
                var scanned: OpaquePointer?
                let ok = fp_device_identify_finish(device.pointer, result, &match, &scanned, &error)
                if let scanned { g_object_unref(UnsafeMutableRawPointer(scanned)) }
                // libfprint hands back the gallery's own object: find it by identity.
                let index = match.flatMap { found in gallery.firstIndex { $0 == found } }
                if let match { g_object_unref(UnsafeMutableRawPointer(match)) }
                return ok != 0 ? .success(index) : .failure(GLibError(consuming: error!))
            })
        } onCancel: { [cancel = operation.cancel] in
            cancel.cancel()
        }
        switch result {
        case .success(let index):
            end(operation)
            return index.map { .match(index: $0) } ?? .noMatch
        case .failure(let error):
            if let reason = error.retryReason {
                end(operation)
                return .retry(reason)
            }
            let failure = failure(error, operation)
            end(operation, failure)
            throw failure
        }
    }

    /// The most prints one identify may search on the reader.
    public static let maximumGallery = 1000
}
