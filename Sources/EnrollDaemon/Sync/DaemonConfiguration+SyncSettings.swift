import EnrollCore
import Sync

extension DaemonConfiguration.Central {
    /// The uploader's settings from the `central:` section, in the units `Sync` counts in.
    /// `deviceID` (32 hex digits, from the device key) lets the uploader ask the server for
    /// this kiosk's chain head; nil leaves that question out.
    func syncSettings(deviceID: String?) -> SyncSettings {
        var settings = SyncSettings(url: url, caFile: caFile, clientCertificate: clientCertificate, clientKey: clientKey)
        settings.batchRecords = batchRecords
        settings.batchBytes = batchMiB << 20
        settings.connectTimeoutMilliseconds = Int64(connectTimeoutSeconds) * 1000
        settings.readTimeoutMilliseconds = Int64(readTimeoutSeconds) * 1000
        settings.deviceID = deviceID
        settings.backoff = BackoffPolicy(initialMilliseconds: Int64(retryInitialSeconds) * 1000,
                                         capMilliseconds: Int64(retryMaximumSeconds) * 1000)
        settings.headCheckMilliseconds = Int64(headCheckMinutes) * 60_000
        return settings
    }
}
