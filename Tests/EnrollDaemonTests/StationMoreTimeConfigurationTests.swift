import EnrollCore
import Foundation
import Testing
@testable import EnrollDaemon

/// `session.station_more_time`: how many times a self-service station may say "I am still
/// here" on one step, read into the policy the sessions run on.
@Suite struct StationMoreTimeConfigurationTests {
    private func parse(_ yaml: String) throws(ConfigurationErrors) -> DaemonConfiguration {
        try ConfigurationLoader.parse(Data(yaml.utf8), file: "f.yaml", relativeTo: "/etc/enrolld")
    }

    private func messages(_ value: String) -> [String] {
        do {
            _ = try parse("version: 1\nsession:\n  station_more_time: \(value)\n")
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func twiceByDefault() throws {
        #expect(DaemonConfiguration().session.stationMoreTime == 2)
        #expect(DaemonConfiguration().session.policy.stationMoreTime == 2)
        #expect(try parse("version: 1\nsession: {}\n").session.policy.stationMoreTime == 2)
    }

    @Test(arguments: 0...5)
    func everyCountInRangeReachesThePolicy(_ count: Int) throws {
        let session = try parse("version: 1\nsession:\n  station_more_time: \(count)\n").session
        #expect(session.stationMoreTime == count)
        #expect(session.policy.stationMoreTime == count)
        // The rest of the policy is still the configured one.
        #expect(session.policy.stepTimeout == .seconds(120) && session.policy.fingers == FingerPosition.defaultEnrollment)
    }

    @Test(arguments: [
        ("6", "expected an integer from 0 to 5, found 6"),
        ("-1", "expected an integer from 0 to 5, found -1"),
        ("99999999999999999999", "expected an integer from 0 to 5, found the number 99999999999999999999"),
        ("2.5", "expected an integer from 0 to 5, found the number 2.5"),
        ("\"2\"", "expected an integer from 0 to 5, found the string \"2\""),
        ("two", "expected an integer from 0 to 5, found the string \"two\""),
        ("true", "expected an integer from 0 to 5, found true"),
        ("~", "expected an integer from 0 to 5, found nothing (null)"),
        ("[2]", "expected an integer from 0 to 5, found a list"),
        ("{count: 2}", "expected an integer from 0 to 5, found a mapping"),
        ("0x2", "expected an integer from 0 to 5, found the number 0x2"),
    ])
    func badValuesAreRefusedWithWhereAndWhy(_ value: String, _ problem: String) {
        #expect(messages(value) == ["f.yaml:3:22: session.station_more_time: \(problem)"])
    }

    @Test func aMisspeltKeyIsNamed() {
        do {
            _ = try parse("version: 1\nsession:\n  station_more_times: 1\n")
            Issue.record("a misspelt key was accepted")
        } catch {
            #expect(error.errors.map(\.description) == ["f.yaml:3:3: session.station_more_times: unknown key (did you mean station_more_time?)"])
        }
    }

    /// The count the configuration gives is the one the state machine enforces: with 0 a
    /// station is refused at once and its session says so (the page then shows no button).
    @Test(arguments: [0, 1, 2])
    func theConfiguredCountIsWhatAStationGets(_ count: Int) throws {
        let policy = try parse("version: 1\nsession: {station_more_time: \(count)}\n").session.policy
        let start = ContinuousClock.now
        var session = EnrollmentSession(id: "s", mode: .unattended(stationID: "st"), policy: policy, at: start)
        #expect(session.moreTimeLeft == count)
        for used in 0..<count {
            _ = try session.handle(.moreTime, at: start + .seconds(10 * (used + 1)))
            #expect(session.moreTimeLeft == count - used - 1)
        }
        let refusal = #expect(throws: SessionRefusal.self) { _ = try session.handle(.moreTime, at: start + .seconds(100)) }
        #expect(refusal?.code == .notAllowedUnattended)
    }
}
