import EventLog
import Logging
import ServiceLifecycle
import Synchronization

/// Pings the systemd watchdog at half its period, but only after every liveness probe
/// answers within that half period; a stalled loop therefore leads systemd to restart us,
/// which is the point of `WatchdogSec=`.
public struct WatchdogService: Service {
    private let period: Duration
    private let probes: [any LivenessProbe]
    private let notifier: SystemdNotifier
    private let logger: Logger

    /// - Parameter period: the full `WATCHDOG_USEC` period; pings go out every half of it.
    public init(period: Duration, probes: [any LivenessProbe], notifier: SystemdNotifier, logger: Logger) {
        self.period = period
        self.probes = probes
        self.notifier = notifier
        self.logger = logger
    }

    public func run() async throws {
        let half = period / 2
        // Returns when the group shuts down: the sleep is cancelled and we stop pinging,
        // while systemd is already waiting for our exit, not for pings.
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let stalled = await self.stalledProbes(within: half)
                // Shutting down: the listeners close while the round runs; that is no stall.
                if Task.isCancelled { break }
                if stalled.isEmpty {
                    self.notifier.notify(.watchdog)
                } else {
                    self.logger.log(
                        .watchdogStalled,
                        "Watchdog not pinged: \(stalled.joined(separator: ", ")) did not answer within \(half)",
                        metadata: ["watchdog.stalled": .string(stalled.joined(separator: ","))]
                    )
                }
                try? await Task.sleep(for: half)
            }
        }
    }

    /// The names of the probes that failed or did not answer in time.
    func stalledProbes(within limit: Duration) async -> [String] {
        await withTaskGroup(of: String?.self) { group in
            for probe in probes {
                group.addTask {
                    await Self.answers(probe, within: limit) ? nil : probe.name
                }
            }
            var stalled: [String] = []
            for await name in group { if let name { stalled.append(name) } }
            return stalled.sorted()
        }
    }

    /// A wedged probe may never return, so it is raced in unstructured tasks: the answer
    /// is whichever comes first, and the watchdog goes on to log the stall.
    private static func answers(_ probe: any LivenessProbe, within limit: Duration) async -> Bool {
        let answer = FirstAnswer()
        return await withCheckedContinuation { continuation in
            answer.install(continuation)
            let work = Task { answer.resolve((try? await probe.probe()) != nil) }
            Task {
                try? await Task.sleep(for: limit)
                answer.resolve(false)
                work.cancel()
            }
        }
    }
}

/// Resumes a continuation with the first of several racing answers and ignores the rest.
private final class FirstAnswer: Sendable {
    private let state = Mutex<CheckedContinuation<Bool, Never>?>(nil)

    func install(_ continuation: CheckedContinuation<Bool, Never>) {
        state.withLock { $0 = continuation }
    }

    func resolve(_ value: Bool) {
        state.withLock { slot in
            slot?.resume(returning: value)
            slot = nil
        }
    }
}
