import CFPrint
import EnrollCore

/// Bridges a GIO-style asynchronous call (`…(…, GAsyncReadyCallback, user_data)` +
/// `…_finish`) to Swift. `finish` runs in the ready callback, on the GLib thread, while the
/// GAsyncResult is alive, and turns it into a Sendable value.
final class AsyncReady {
    private let finish: (OpaquePointer) -> Void

    init(_ finish: @escaping (OpaquePointer) -> Void) {
        self.finish = finish
    }

    /// The `user_data` to pass: a retained pointer that the callback releases.
    var userData: UnsafeMutableRawPointer { Unmanaged.passRetained(self).toOpaque() }

    /// The `GAsyncReadyCallback` to pass.
    static let callback: GAsyncReadyCallback = { _, result, data in
        let ready = Unmanaged<AsyncReady>.fromOpaque(data!).takeRetainedValue()
        ready.finish(result!)
    }
}

extension GLibMainLoop {
    /// Starts an asynchronous libfprint call from an actor on the GLib executor and waits
    /// for its result. The explicit `isolation:` keeps the start on the GLib thread: without
    /// it Swift 6 was seen starting the call on another thread.
    static func call<T: Sendable>(
        isolation actor: isolated any Actor,
        _ start: (GAsyncReadyCallback, UnsafeMutableRawPointer) -> Void,
        finish: @escaping (OpaquePointer) -> T
    ) async -> T {
        await withCheckedContinuation(isolation: actor) { (continuation: CheckedContinuation<T, Never>) in
            let ready = AsyncReady { result in continuation.resume(returning: finish(result)) }
            start(AsyncReady.callback, ready.userData)
        }
    }
}

/// A GError as a Swift value, taken apart on the GLib thread and freed there.
struct GLibError: Error, Sendable {
    enum Domain: Sendable { case device, retry, io, other }

    let domain: Domain
    let code: Int32
    let message: String

    /// Consumes (frees) `error`.
    init(consuming error: UnsafeMutablePointer<GError>) {
        if CFPrint_is_device_error(error) != 0 {
            domain = .device
        } else if CFPrint_is_retry(error) != 0 {
            domain = .retry
        } else if error.pointee.domain == g_io_error_quark() {
            domain = .io
        } else {
            domain = .other
        }
        code = error.pointee.code
        message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
        g_error_free(error)
    }

    var isCancelled: Bool { domain == .io && code == Int32(G_IO_ERROR_CANCELLED.rawValue) }
}
