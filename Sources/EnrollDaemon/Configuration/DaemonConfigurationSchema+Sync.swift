import Foundation

extension DaemonConfigurationSchema {
    /// The uploader's keys in `central:`. An empty url leaves sync off (records queue up);
    /// with a url, the CA and the client certificate and key are required.
    static func readSync(_ central: ConfigurationSection, into c: inout DaemonConfiguration.Central, base: String) {
        c.url = central.string("url", default: c.url) { text in
            text.isEmpty || (text.hasPrefix("https://") && URL(string: text)?.host != nil) ? nil
                : "expected an https:// URL of the central receiver, or \"\" to keep records queued"
        }
        for (key, keyPath) in [("ca_file", \DaemonConfiguration.Central.caFile), ("client_certificate", \.clientCertificate), ("client_key", \.clientKey)] {
            let text = central.string(key, default: "")
            if !text.isEmpty { c[keyPath: keyPath] = central.path(key, default: "", base: base, reread: text) }
        }
        c.batchRecords = central.integer("batch_records", default: c.batchRecords, range: 1...1000)
        c.batchMiB = central.integer("batch_mib", default: c.batchMiB, range: 1...64)
        c.connectTimeoutSeconds = central.integer("connect_timeout_seconds", default: c.connectTimeoutSeconds, range: 1...300)
        c.readTimeoutSeconds = central.integer("read_timeout_seconds", default: c.readTimeoutSeconds, range: 1...3600)
        c.retryInitialSeconds = central.integer("retry_initial_seconds", default: c.retryInitialSeconds, range: 1...3600)
        c.retryMaximumSeconds = central.integer("retry_maximum_seconds", default: c.retryMaximumSeconds, range: 1...86_400)
        // Not below a minute: each question is a TLS request the central server answers for
        // every idle kiosk. Not above a day: purging waits for a confirmed head.
        c.headCheckMinutes = central.integer("head_check_minutes", default: c.headCheckMinutes, range: 1...1440)
    }
}
