import CFPrint

/// A GObject pointer carried across a Sendable boundary.
struct GObjectRef<Pointee>: @unchecked Sendable {
    // @unchecked: the pointer is only dereferenced on the GLib thread (every user is
    // isolated to GLibMainLoop or runs in a GLib callback there); elsewhere it is only carried.
    let pointer: UnsafeMutablePointer<Pointee>
}

/// An opaque GObject pointer (FpImage, FpPrint) carried across a Sendable boundary.
struct OpaqueRef: @unchecked Sendable {
    // @unchecked: as GObjectRef, only dereferenced on the GLib thread.
    let pointer: OpaquePointer
}

/// A GCancellable that can be cancelled from any thread: the cancel itself is posted to
/// the GLib thread, because libfprint's "cancelled" handlers must run there. Holds a
/// reference of its own, so a late cancel never touches a freed object.
final class CancelHandle: Sendable {
    private let cancellable: GObjectRef<GCancellable>

    init(_ cancellable: UnsafeMutablePointer<GCancellable>) {
        g_object_ref(cancellable)
        self.cancellable = GObjectRef(pointer: cancellable)
    }

    deinit {
        // GObject reference counting is atomic; the last unref may happen on any thread.
        g_object_unref(cancellable.pointer)
    }

    func cancel() {
        let cancellable = self.cancellable
        g_object_ref(cancellable.pointer)
        GLibMainLoop.shared.post {
            g_cancellable_cancel(cancellable.pointer)
            g_object_unref(cancellable.pointer)
        }
    }
}
