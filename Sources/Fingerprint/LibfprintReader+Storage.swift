import CFPrint
import EnrollCore

/// On-device storage of match-on-chip readers (libfprint's STORAGE features). Image
/// readers have none and answer `ReaderError.notSupported`.
extension LibfprintReader {
    /// The prints kept on the reader.
    public func storedPrints() async throws(ReaderError) -> [FingerprintTemplate] {
        try requireStorage(FP_DEVICE_FEATURE_STORAGE_LIST, "list its stored prints")
        let operation = try begin()
        let device = GObjectRef(pointer: self.device)
        let cancellable = GObjectRef(pointer: operation.cancellable)
        let result: Result<[FingerprintTemplate], GLibError> = await GLibMainLoop.call(isolation: self, { callback, data in
            fp_device_list_prints(device.pointer, cancellable.pointer, callback, data)
        }, finish: { result in
            var error: UnsafeMutablePointer<GError>?
            guard let array = fp_device_list_prints_finish(device.pointer, result, &error) else { return .failure(GLibError(consuming: error!)) }
            defer { g_ptr_array_unref(array) }
            var templates: [FingerprintTemplate] = []
            for index in 0..<array.pointee.len {
                let print = OpaquePointer(CFPrint_ptr_array_index(array, index)!)
                if let template = try? LibfprintPrint.serialize(print) { templates.append(template) }
            }
            return .success(templates)
        })
        return try finishStorage(operation, result)
    }

    /// Deletes one stored print (as `storedPrints()` gave it).
    public func deleteStoredPrint(_ template: FingerprintTemplate) async throws(ReaderError) {
        try requireStorage(FP_DEVICE_FEATURE_STORAGE_DELETE, "delete a stored print")
        let print = OpaqueRef(pointer: try LibfprintPrint.deserialize(template))
        defer { g_object_unref(UnsafeMutableRawPointer(print.pointer)) }
        let operation = try begin()
        let device = GObjectRef(pointer: self.device)
        let cancellable = GObjectRef(pointer: operation.cancellable)
        let result: Result<Void, GLibError> = await GLibMainLoop.call(isolation: self, { callback, data in
            fp_device_delete_print(device.pointer, print.pointer, cancellable.pointer, callback, data)
        }, finish: { result in
            var error: UnsafeMutablePointer<GError>?
            return fp_device_delete_print_finish(device.pointer, result, &error) != 0 ? .success(()) : .failure(GLibError(consuming: error!))
        })
        try finishStorage(operation, result)
    }

    /// Deletes every stored print.
    public func clearStorage() async throws(ReaderError) {
        try requireStorage(FP_DEVICE_FEATURE_STORAGE_CLEAR, "clear its storage")
        let operation = try begin()
        let device = GObjectRef(pointer: self.device)
        let cancellable = GObjectRef(pointer: operation.cancellable)
        let result: Result<Void, GLibError> = await GLibMainLoop.call(isolation: self, { callback, data in
            fp_device_clear_storage(device.pointer, cancellable.pointer, callback, data)
        }, finish: { result in
            var error: UnsafeMutablePointer<GError>?
            return fp_device_clear_storage_finish(device.pointer, result, &error) != 0 ? .success(()) : .failure(GLibError(consuming: error!))
        })
        try finishStorage(operation, result)
    }

    private func requireStorage(_ feature: FpDeviceFeature, _ what: String) throws(ReaderError) {
        guard fp_device_has_feature(device, feature) != 0 else {
            throw .notSupported("\(identity.name) cannot \(what): it keeps no prints on the device")
        }
    }

    private func finishStorage<T>(_ operation: Operation, _ result: Result<T, GLibError>) throws(ReaderError) -> T {
        switch result {
        case .success(let value):
            end(operation)
            return value
        case .failure(let error):
            let failure = failure(error, operation)
            end(operation, failure)
            throw failure
        }
    }
}
