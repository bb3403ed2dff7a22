#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// The dedicated thread of one streaming camera: it blocks in poll/DQBUF and yields frames
/// into an `AsyncThrowingStream`, so nothing blocks Swift's shared cooperative pool.
/// A stop request writes to a pipe the thread polls beside the camera.
///
/// `@unchecked Sendable`: `session` is touched only by the thread once it runs (it is handed
/// over in `start` and never read elsewhere); the wake pipe is written with write(2), which is
/// thread-safe; the completion state is behind a `Mutex`.
final class CaptureThread: @unchecked Sendable {
    private let session: CaptureSession
    private let wakeFD: Int32
    private let wakeWriteFD: Int32
    private let frameTimeout: Duration
    private let done = Mutex<State>(.running([]))

    private enum State {
        case running([CheckedContinuation<Void, Never>])
        case finished
    }

    init(session: CaptureSession, frameTimeout: Duration) throws(V4L2Error) {
        self.session = session
        self.frameTimeout = frameTimeout
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw V4L2Error.poll(errno: errno) }
        for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        (wakeFD, wakeWriteFD) = (ends[0], ends[1])
    }

    deinit {
        close(wakeFD)
        close(wakeWriteFD)
    }

    /// Starts the thread; frames and the end of the stream go to the returned sequence.
    func start() -> FrameStream {
        let (stream, continuation) = FrameStream.makeStream(bufferingPolicy: .bufferingNewest(4))
        // A consumer that stops listening stops the camera.
        continuation.onTermination = { [self] _ in requestStop() }
        let thread = Thread { [self] in run(continuation) }
        thread.name = "enrolld-camera"
        thread.start()
        return stream
    }

    /// Whether the thread has ended (stopped, or the stream failed).
    var isFinished: Bool {
        done.withLock { if case .finished = $0 { true } else { false } }
    }

    /// Asks the thread to stop; returns at once.
    func requestStop() {
        var one: UInt8 = 1
        _ = write(wakeWriteFD, &one, 1)
    }

    /// Waits until the thread has stopped streaming and released the buffers.
    func join() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let finished = done.withLock { state -> Bool in
                guard case .running(var waiters) = state else { return true }
                waiters.append(waiter)
                state = .running(waiters)
                return false
            }
            if finished { waiter.resume() }
        }
    }

    private func run(_ continuation: FrameStream.Continuation) {
        var outcome: V4L2Error?
        var slowConsumerDrops = 0
        do throws(V4L2Error) {
            try session.start()
            while var frame = try session.nextFrame(timeout: frameTimeout, wakeFD: wakeFD) {
                frame.droppedFrames += slowConsumerDrops
                if case .dropped = continuation.yield(frame) { slowConsumerDrops += 1 }
            }
        } catch {
            outcome = error
        }
        // Buffers are unmapped and the stream is off before anyone hears the stream ended.
        session.stop()
        if let outcome { continuation.finish(throwing: outcome) } else { continuation.finish() }
        let waiters = done.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard case .running(let waiters) = state else { return [] }
            state = .finished
            return waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
