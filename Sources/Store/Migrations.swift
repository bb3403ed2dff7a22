/// The schema, as named migrations applied in order and recorded in `schema_migrations`.
/// Append-only: a shipped migration is never edited or removed; change the schema by
/// adding a new one.
enum Migrations {
    static let all: [(name: String, sql: String)] = [
        ("2026-11-30-outbox", """
            CREATE TABLE outbox (
                sequence INTEGER PRIMARY KEY,      -- the device chain's sequence number
                record_id BLOB NOT NULL UNIQUE,    -- UUIDv7, 16 bytes
                envelope BLOB NOT NULL,            -- signed, sealed envelope (docs/record-format.md)
                envelope_hash BLOB NOT NULL,       -- SHA-256 of envelope: the next record's previous hash
                bytes INTEGER NOT NULL,
                committed_at INTEGER NOT NULL,     -- Unix ms
                uploaded_at INTEGER
            ) STRICT;
            -- The chain's head outlives purged records: sequence and hash continue from it.
            CREATE TABLE chain_head (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                sequence INTEGER NOT NULL,
                hash BLOB NOT NULL
            ) STRICT;
            INSERT INTO chain_head (id, sequence, hash) VALUES (1, 0, zeroblob(32));
            """),
        ("2026-11-30-receipts", """
            CREATE TABLE receipts (
                sequence INTEGER PRIMARY KEY,
                record_id BLOB NOT NULL UNIQUE,
                receipt BLOB NOT NULL,             -- the server-signed receipt, verified before insert
                received_at INTEGER NOT NULL,
                purge_after INTEGER NOT NULL,      -- received_at + retention
                purged_at INTEGER
            ) STRICT;
            CREATE INDEX receipts_due ON receipts (purge_after) WHERE purged_at IS NULL;
            """),
        ("2026-11-30-gallery", """
            -- Templates for on-device duplicate checks, encrypted by the caller (GalleryCipher).
            CREATE TABLE gallery (
                entry_id BLOB PRIMARY KEY,
                record_id BLOB NOT NULL,
                finger_position INTEGER NOT NULL CHECK (finger_position BETWEEN 1 AND 10),
                sealed_template BLOB NOT NULL,
                added_at INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX gallery_record ON gallery (record_id);
            """),
        ("2026-11-30-operators", """
            CREATE TABLE operators (
                operator_id TEXT PRIMARY KEY,
                role TEXT NOT NULL CHECK (role IN ('operator', 'supervisor', 'technician')),
                credential_hash BLOB NOT NULL,     -- a slow hash of the PIN, never the PIN
                active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                created_at INTEGER NOT NULL
            ) STRICT;
            """),
        ("2026-11-30-audit-log", """
            -- Who did what to which record, when; no personal data. Hash-chained and
            -- append-only: the triggers refuse changes, the chain shows any made around them.
            CREATE TABLE audit_log (
                seq INTEGER PRIMARY KEY,
                at INTEGER NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                record_id BLOB,
                previous_hash BLOB NOT NULL,
                hash BLOB NOT NULL
            ) STRICT;
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """),
        ("2026-11-30-operator-fingers", """
            -- Operators' enrolled fingers for fingerprint login: libfprint prints, encrypted by
            -- the caller (GalleryCipher) and bound to the operator and finger they belong to.
            CREATE TABLE operator_fingers (
                operator_id TEXT NOT NULL REFERENCES operators (operator_id),
                finger_position INTEGER NOT NULL CHECK (finger_position BETWEEN 1 AND 10),
                sealed_print BLOB NOT NULL,
                enrolled_at INTEGER NOT NULL,
                PRIMARY KEY (operator_id, finger_position)
            ) STRICT;
            """),
        // In RecordStore+StationLogins.swift, with the code that uses it.
        stationLogins,
        // In RecordStore+CentralHead.swift, with the code that uses it.
        centralHead,
        // In RecordStore+LostRecords.swift, with the code that uses it.
        acceptedLosses,
        // The queue's sizes and ages without reading the envelopes: `bytes` and
        // `committed_at` come after the envelope in each row, so every status, admission
        // and metrics read walked every envelope's overflow pages (2 s at 800 MB queued).
        ("2026-12-01-outbox-sizes" + indexOnly, "CREATE INDEX outbox_sizes ON outbox (bytes, committed_at);"),
        // In RecordStore+AuditShipping.swift, with the code that uses it.
        auditShipped,
        // In RecordStore+AuditRetention.swift, with the code that uses it.
        auditRetention,
    ]

    /// Marks a migration that only adds an index. SQLite keeps an index up to date for any
    /// writer, so a build that does not know the migration (an upgrade rolled back) may
    /// still use the database; every other unknown migration refuses it.
    static let indexOnly = "+index"

    /// Applies every migration not yet recorded, each in its own transaction. A database
    /// that recorded migrations this build does not know was written by a newer enrolld:
    /// an older one (a rolled-back upgrade) must not write to a schema it does not know.
    static func apply(to connection: SQLiteConnection) throws(StoreError) {
        try connection.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT")
        let applied = Set(try connection.texts("SELECT name FROM schema_migrations"))
        let unknown = applied.subtracting(all.map(\.name)).filter { !$0.hasSuffix(indexOnly) }.sorted()
        guard unknown.isEmpty else {
            throw .io("the database was written by a newer enrolld (schema \(unknown.joined(separator: ", "))); "
                + "run that version again, or restore the database from before the upgrade")
        }
        for migration in all where !applied.contains(migration.name) {
            try connection.execute("BEGIN IMMEDIATE")
            do {
                try connection.execute(migration.sql)
                try connection.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES (?1, ?2)")
                    .bind(.text(migration.name), .integer(Clock.unixMilliseconds()))
                    .run()
                try connection.execute("COMMIT")
            } catch {
                if connection.inTransaction { try? connection.execute("ROLLBACK") }
                throw error
            }
        }
    }
}
