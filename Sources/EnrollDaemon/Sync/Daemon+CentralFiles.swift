#if canImport(Glibc)
import Glibc
#endif
import Sync

extension Daemon {
    /// The account the unit runs enrolld as (systemd/enrolld.service `User=`).
    static let serviceUser = "enrolld"

    /// For `enrolld --check-config`: why sync could not start on this configuration's TLS
    /// files (`central.ca_file`, `central.client_certificate`, `central.client_key`), one
    /// line per problem naming the key and the file; empty when they are usable or sync is
    /// off. Run as root, the files are also judged as the daemon's own user would read them
    /// (when that user exists here): root reads anything, the daemon does not.
    public static func centralFileProblems(_ configuration: DaemonConfiguration) -> [String] {
        centralFileProblems(configuration, user: geteuid() == 0 ? UserReadability.named(serviceUser) : nil)
    }

    static func centralFileProblems(_ configuration: DaemonConfiguration, user: UserReadability?) -> [String] {
        let central = configuration.central
        guard !central.url.isEmpty else { return [] }
        var problems: [String] = []
        if let user {
            for (key, path) in [("central.ca_file", central.caFile), ("central.client_certificate", central.clientCertificate),
                                ("central.client_key", central.clientKey)] where !path.isEmpty {
                if let why = user.problem(reading: path) {
                    problems.append(SyncSetupError(key: key, path: path, reason: "not readable by user \(user.name), which enrolld runs as: \(why)").description)
                }
            }
        }
        let settings = SyncSettings(url: central.url, caFile: central.caFile, clientCertificate: central.clientCertificate, clientKey: central.clientKey)
        do { try HTTPIngestTransport.checkTLSFiles(settings) } catch {
            // The same file again says nothing new.
            if !problems.contains(where: { $0.hasPrefix("\(error.key) ") }) { problems.append(error.description) }
        }
        return problems
    }
}
