/// Where self-service stations' logins are kept between daemon runs, so an unattended
/// station is still signed in after a restart. Implemented over the Store by the daemon.
/// Only a hash of each token is handed over, never the token; staff logins are never kept.
public protocol StationLoginKeeping: Sendable {
    /// At start-up: forgets the logins made as another station or with another station key
    /// (`keyFingerprint` nil: no station login is configured, so all go) and returns the
    /// token hashes of the rest.
    func restore(stationID: String, keyFingerprint: [UInt8]?) -> [[UInt8]]
    func save(tokenHash: [UInt8], stationID: String, keyFingerprint: [UInt8]) async
    func remove(tokenHash: [UInt8]) async
    /// Forgets every kept login, audited by `actor`; returns how many there were.
    func removeAll(by actor: String) async throws -> Int
}

/// What identifies the configured `access.station_token` in the store without giving it
/// away: PBKDF2 with a fixed label as salt. The key is 16+ characters; the iterations make
/// guessing it from a copied database file slow, at one derivation per daemon start.
public enum StationKeyFingerprint {
    static let label = Array("enrolld-station-key-fingerprint-v1".utf8)
    static let iterations = 20_000

    public static func of(_ stationToken: String) -> [UInt8] {
        PINHasher.derive(stationToken, salt: label, iterations: iterations)
    }
}
