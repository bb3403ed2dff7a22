import EnrollCore
import Foundation
import Sync
import Testing
@testable import EnrollDaemon

/// `central.head_check_minutes`: how often the idle uploader asks the central server for
/// this kiosk's chain head, carried into the uploader's settings.
@Suite struct HeadCheckConfigurationTests {
    private func parse(_ yaml: String) throws(ConfigurationErrors) -> DaemonConfiguration {
        try ConfigurationLoader.parse(Data(yaml.utf8), file: "f.yaml", relativeTo: "/etc/enrolld")
    }

    private func messages(_ value: String) -> [String] {
        do {
            _ = try parse("version: 1\ncentral:\n  head_check_minutes: \(value)\n")
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func fifteenMinutesByDefault() throws {
        #expect(DaemonConfiguration().central.headCheckMinutes == 15)
        #expect(try parse("version: 1\ncentral: {}\n").central.syncSettings(deviceID: nil).headCheckMilliseconds == 900_000)
        // The same as the uploader's own default: a daemon without the key behaves as before.
        let own = SyncSettings(url: "", caFile: "", clientCertificate: "", clientKey: "")
        #expect(DaemonConfiguration().central.syncSettings(deviceID: nil).headCheckMilliseconds == own.headCheckMilliseconds)
    }

    @Test(arguments: [(1, 60_000), (90, 5_400_000), (1440, 86_400_000)] as [(Int, Int64)])
    func theIntervalReachesTheUploadersSettings(_ minutes: Int, _ milliseconds: Int64) throws {
        let central = try parse("version: 1\ncentral:\n  head_check_minutes: \(minutes)\n").central
        #expect(central.headCheckMinutes == minutes)
        let settings = central.syncSettings(deviceID: String(repeating: "ab", count: 16))
        #expect(settings.headCheckMilliseconds == milliseconds)
        #expect(settings.deviceID == String(repeating: "ab", count: 16))
    }

    /// The other keys still arrive as before the settings were built in their own place.
    @Test func theOtherCentralKeysStillReachTheSettings() throws {
        let yaml = """
        version: 1
        central: {batch_records: 7, batch_mib: 3, connect_timeout_seconds: 4, read_timeout_seconds: 9,
                  retry_initial_seconds: 5, retry_maximum_seconds: 600, head_check_minutes: 2}
        """
        let settings = try parse(yaml).central.syncSettings(deviceID: nil)
        #expect(settings.batchRecords == 7 && settings.batchBytes == 3 << 20)
        #expect(settings.connectTimeoutMilliseconds == 4_000 && settings.readTimeoutMilliseconds == 9_000)
        #expect(settings.backoff == BackoffPolicy(initialMilliseconds: 5_000, capMilliseconds: 600_000))
        #expect(settings.headCheckMilliseconds == 120_000 && settings.deviceID == nil)
    }

    @Test(arguments: [
        ("0", "expected an integer from 1 to 1440, found 0"),
        ("1441", "expected an integer from 1 to 1440, found 1441"),
        ("-15", "expected an integer from 1 to 1440, found -15"),
        ("99999999999999999999", "expected an integer from 1 to 1440, found the number 99999999999999999999"),
        ("0.5", "expected an integer from 1 to 1440, found the number 0.5"),
        ("15m", "expected an integer from 1 to 1440, found the string \"15m\""),
        ("\"15\"", "expected an integer from 1 to 1440, found the string \"15\""),
        ("false", "expected an integer from 1 to 1440, found false"),
        ("null", "expected an integer from 1 to 1440, found nothing (null)"),
        ("[15]", "expected an integer from 1 to 1440, found a list"),
        ("{minutes: 15}", "expected an integer from 1 to 1440, found a mapping"),
    ])
    func badValuesAreRefusedWithWhereAndWhy(_ value: String, _ problem: String) {
        #expect(messages(value) == ["f.yaml:3:23: central.head_check_minutes: \(problem)"])
    }
}
