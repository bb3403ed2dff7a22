import Foundation
import EnrollCore
import Store
import Trust

/// How long a task waits for a thread of Swift's cooperative pool while commits run: the
/// delay the API, event streams and reader actors would see. The prober sleeps 1 ms, again
/// and again, and notes by how much each wake-up came late (it needs a pool thread to run
/// on); a starved prober also gets fewer probes in.
enum PoolProbe {
    struct Figures {
        var commits = 0
        var seconds = 0.0
        var latencies: [Double] = []

        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return 0 }
            let sorted = latencies.sorted()
            return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))] * 1000
        }
    }

    /// Runs `committers` tasks, each committing `each` records one per transaction through
    /// `commit`, while probing the pool; returns the probe latencies.
    static func measure(committers: Int, each: Int, commit: @escaping @Sendable (Int) async throws -> Void) async throws -> Figures {
        let started = ContinuousClock.now
        let work = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for committer in 0..<committers {
                    group.addTask { for index in 0..<each { try await commit(committer * each + index) } }
                }
                try await group.waitForAll()
            }
        }
        var figures = Figures()
        let probes = Task {
            var latencies: [Double] = []
            while !Task.isCancelled {
                let asked = ContinuousClock.now
                try? await Task.sleep(for: .milliseconds(1))
                latencies.append(max(0, seconds(ContinuousClock.now - asked) - 0.001))
            }
            return latencies
        }
        try await work.value
        figures.seconds = seconds(ContinuousClock.now - started)
        probes.cancel()
        figures.latencies = await probes.value
        figures.commits = committers * each
        return figures
    }

    static func seconds(_ duration: Duration) -> Double {
        duration.seconds
    }
}
