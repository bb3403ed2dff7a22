import Foundation
import Logging
import Testing
import TestSupport
@testable import Systemd

@Suite struct NotifierTests {
    @Test func statesArriveInOneDatagram() async throws {
        let folder = try BuiltProducts.temporaryFolder()
        let socket = try DatagramListener(path: folder.appendingPathComponent("notify").path)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.path], logger: Logger(label: "test"))
        notifier.notify(.ready, .status("Ready:\ntwo lines"))
        #expect(await socket.wait(timeout: .seconds(5)) { $0 == ["READY=1\nSTATUS=Ready: two lines"] })
    }

    @Test func silentWithoutNotifySocket() {
        let notifier = SystemdNotifier(environment: [:], logger: Logger(label: "test"))
        #expect(!notifier.isEnabled)
        notifier.notify(.ready)
    }

    @Test func abstractSocketNamesAreReached() async throws {
        // An abstract name is its exact bytes: sent with the whole sockaddr_un's length (or
        // a NUL added) it would name another socket, and nothing would arrive.
        let socket = try DatagramListener(path: "@enrolld-test-notify-\(getpid())")
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.path], logger: Logger(label: "test"))
        notifier.notify(.watchdog)
        #expect(await socket.wait(timeout: .seconds(5)) { $0 == ["WATCHDOG=1"] })
    }

    @Test func anAbstractNameNobodyListensOnFailsQuietly() {
        // The send fails (ECONNREFUSED); the notifier must not crash or throw.
        SystemdNotifier(environment: ["NOTIFY_SOCKET": "@enrolld-test-none-\(getpid())"], logger: Logger(label: "test")).notify(.watchdog)
    }

    @Test(arguments: [
        (["WATCHDOG_USEC": "30000000"], Duration.seconds(30)),
        (["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"], nil),
        (["WATCHDOG_USEC": "0"], nil),
        (["WATCHDOG_USEC": "soon"], nil),
        ([:], nil),
    ])
    func watchdogIntervalFollowsSdWatchdogEnabled(_ environment: [String: String], _ expected: Duration?) {
        #expect(WatchdogInterval.fromEnvironment(environment, pid: 4242) == expected)
    }
}

@Suite struct WatchdogTests {
    struct Answering: LivenessProbe { let name = "answers"; func probe() async throws {} }
    struct Failing: LivenessProbe {
        let name = "fails"
        struct Down: Error {}
        func probe() async throws { throw Down() }
    }
    struct Wedged: LivenessProbe {
        let name = "wedged"
        func probe() async throws {
            // Ignores cancellation on purpose, as a stuck C call would.
            await withCheckedContinuation { (_: CheckedContinuation<Void, Never>) in }
        }
    }

    @Test func onlyStalledProbesAreNamed() async {
        let service = WatchdogService(
            period: .seconds(1), probes: [Answering(), Failing(), Wedged()],
            notifier: SystemdNotifier(environment: [:], logger: Logger(label: "test")), logger: Logger(label: "test"))
        #expect(await service.stalledProbes(within: .milliseconds(200)) == ["fails", "wedged"])
    }
}
