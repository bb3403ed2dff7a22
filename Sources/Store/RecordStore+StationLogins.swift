/// A self-service station's login as the store keeps it between daemon runs: never the
/// bearer token, only its SHA-256, so the file opens no station to whoever reads it.
public struct StoredStationLogin: Sendable, Equatable {
    /// SHA-256 of the bearer token (32 bytes).
    public let tokenHash: [UInt8]
    public let stationID: String
    /// Always "station": staff logins end with the daemon and are never stored.
    public let role: String
    /// Identifies the `access.station_token` the login was made with (a slow hash of it),
    /// so a changed station key leaves the old logins behind.
    public let keyFingerprint: [UInt8]
    /// Unix ms.
    public let createdAt: Int64

    public init(tokenHash: [UInt8], stationID: String, role: String = "station", keyFingerprint: [UInt8], createdAt: Int64) {
        self.tokenHash = tokenHash
        self.stationID = stationID
        self.role = role
        self.keyFingerprint = keyFingerprint
        self.createdAt = createdAt
    }
}

extension Migrations {
    static let stationLogins = (name: "2026-11-30-station-logins", sql: """
        -- Self-service stations' logins, so an unattended station outlives a daemon restart.
        -- Only a hash of each bearer token; staff logins are never kept.
        CREATE TABLE station_logins (
            token_hash BLOB PRIMARY KEY CHECK (length(token_hash) = 32),
            station_id TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role = 'station'),
            key_fingerprint BLOB NOT NULL,     -- a slow hash of access.station_token
            created_at INTEGER NOT NULL        -- Unix ms
        ) STRICT;
        """)
}

/// Station logins that survive a restart (docs/sessions.md).
extension RecordStore {
    /// At most this many are kept; the oldest go first (each station browser holds one).
    public static let maximumStationLogins = 64

    /// Keeps `login`, dropping the oldest beyond `maximumStationLogins`.
    public func saveStationLogin(_ login: StoredStationLogin) throws {
        try write { c in
            try c.prepare("""
                INSERT INTO station_logins (token_hash, station_id, role, key_fingerprint, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT (token_hash) DO NOTHING
                """)
                .bind(.blob(login.tokenHash), .text(login.stationID), .text(login.role), .blob(login.keyFingerprint), .integer(login.createdAt))
                .run()
            try c.prepare("""
                DELETE FROM station_logins WHERE token_hash NOT IN
                    (SELECT token_hash FROM station_logins ORDER BY created_at DESC, rowid DESC LIMIT ?1)
                """)
                .bind(.integer(Int64(Self.maximumStationLogins)))
                .run()
        }
    }

    /// Forgets every login not made as `stationID` with the station key `keyFingerprint`
    /// (nil: no station login is configured, so none stays), and returns those left.
    /// Called once at start-up.
    public func keepStationLogins(stationID: String, keyFingerprint: [UInt8]?) throws -> [StoredStationLogin] {
        try write { c in
            if let keyFingerprint {
                try c.prepare("DELETE FROM station_logins WHERE station_id != ?1 OR key_fingerprint != ?2")
                    .bind(.text(stationID), .blob(keyFingerprint)).run()
            } else {
                try c.execute("DELETE FROM station_logins")
            }
            return try Self.stationLogins(c)
        }
    }

    /// Every kept login, oldest first.
    public func stationLogins() throws(StoreError) -> [StoredStationLogin] {
        try read { c throws(StoreError) in try Self.stationLogins(c) }
    }

    /// Forgets one login (its station signed out).
    public func deleteStationLogin(tokenHash: [UInt8]) throws {
        try write { c in
            try c.prepare("DELETE FROM station_logins WHERE token_hash = ?1").bind(.blob(tokenHash)).run()
        }
    }

    /// Forgets every station login, with an audit entry by `actor` in the same transaction;
    /// returns how many there were.
    @discardableResult
    public func deleteStationLogins(by actor: String, at: Int64) throws -> Int {
        try write { c in
            let count = try c.prepare("SELECT count(*) FROM station_logins")
            let removed = try count.step() ? Int(count.int64(0)) : 0
            try c.execute("DELETE FROM station_logins")
            try Self.appendAudit(c, at: at, actor: actor, action: "station.logins_revoked", recordID: nil)
            return removed
        }
    }

    static func stationLogins(_ c: SQLiteConnection) throws(StoreError) -> [StoredStationLogin] {
        let s = try c.prepare("SELECT token_hash, station_id, role, key_fingerprint, created_at FROM station_logins ORDER BY created_at, rowid")
        var logins: [StoredStationLogin] = []
        while try s.step() {
            logins.append(StoredStationLogin(tokenHash: s.blob(0), stationID: s.text(1) ?? "", role: s.text(2) ?? "",
                                             keyFingerprint: s.blob(3), createdAt: s.int64(4)))
        }
        return logins
    }
}
