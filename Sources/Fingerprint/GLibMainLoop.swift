import CFPrint
import Foundation

/// The one thread that runs GLib's global default main context, and the serial executor
/// of every actor that touches libfprint.
///
/// libfprint iterates the *default* context itself (enumeration, the virtual drivers'
/// timers), so that is the context we run; a private context would leave those stuck.
/// Jobs are posted as idle sources attached to it: `g_main_context_invoke` would run them
/// inline when the caller already owns the context, breaking the actor's ordering.
public final class GLibMainLoop: SerialExecutor, @unchecked Sendable {
    // @unchecked: `context` is GLib's process-wide default context, created once and never
    // freed; GLib documents g_source_attach and g_main_context_is_owner as thread-safe.

    /// The process's only GLib thread.
    public static let shared = GLibMainLoop()

    private nonisolated(unsafe) let context: OpaquePointer

    private init() {
        context = g_main_context_default()
        nonisolated(unsafe) let loop = g_main_loop_new(context, 0)
        let thread = Thread { g_main_loop_run(loop) }
        thread.name = "glib-main"
        thread.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        post { job.runSynchronously(on: executor) }
    }

    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    public func checkIsolated() {
        precondition(isCurrent, "expected to run on the GLib main-loop thread")
    }

    /// Whether the calling thread is the GLib thread.
    public var isCurrent: Bool { g_main_context_is_owner(context) != 0 }

    /// Runs `body` on the GLib thread, after what is already queued.
    public func post(_ body: @escaping @Sendable () -> Void) {
        let source = g_idle_source_new()
        // Default priority, not idle: actor jobs must not starve behind I/O-free idling.
        g_source_set_priority(source, 0)
        g_source_set_callback(source, { data in
            Unmanaged<Job>.fromOpaque(data!).takeUnretainedValue().body()
            return 0  // G_SOURCE_REMOVE
        }, Unmanaged.passRetained(Job(body)).toOpaque(), { data in
            Unmanaged<Job>.fromOpaque(data!).release()
        })
        g_source_attach(source, context)
        g_source_unref(source)
    }

    private final class Job {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
}
